using System.Diagnostics;

namespace ChatSphere.Bench.Servers;

/// <summary>
/// A server under test run as a child process: its output goes to a log file, it is ready when
/// GET /health/ready answers 200, and it is killed (with its children) when disposed.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly ServerLog _log;

    private ServerProcess(Process process, ServerLog log, Uri baseUri)
    {
        _process = process;
        _log = log;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public string LogPath => _log.Path;

    public int ProcessId => _process.Id;

    public static async Task<ServerProcess> StartAsync(
        ProcessStartInfo startInfo, Uri baseUri, string logPath, CancellationToken cancellationToken)
    {
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;

        var log = new ServerLog(logPath);
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => log.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, baseUri);
        try
        {
            await server.WaitUntilReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ProcessSample Sample() => ProcFs.Sample(_process);

    /// <summary>Runs a full GC in the server, then reads its RSS and the managed heap the GC left.</summary>
    public async Task<MemorySample> SampleAfterGcAsync(CancellationToken cancellationToken)
    {
        var managedHeap = await ServerGc.CollectAsync(_process.Id, cancellationToken);
        return new MemorySample(ProcFs.ReadRssBytes(_process.Id), managedHeap);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _log.Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The server exited with code {_process.ExitCode} before it was ready. Its log ({LogPath}) ends with:\n{LogTail()}");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The probe timed out; try again.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"The server was not ready after {ReadyTimeout.TotalSeconds} s. Its log ({LogPath}) ends with:\n{LogTail()}");
    }

    private string LogTail() => _log.Tail(30);
}
