using System.Diagnostics;
using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Failures;

/// <summary>
/// One process of the drill's cluster (a dedicated silo or an API node in client mode), started from the build's
/// dll with its own environment; it can be stopped gracefully (SIGTERM), killed (SIGKILL) and started again with the
/// same ports and settings. Its output goes to one log file across restarts.
/// </summary>
public sealed class ClusterNode(string name, string dll, IReadOnlyDictionary<string, string> environment, string logPath) : IAsyncDisposable
{
    private readonly ServerLog _log = new(logPath);
    private Process? _process;

    public string Name { get; } = name;

    public string LogPath => _log.Path;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The running process's id (for memory samples); 0 when it is not running.</summary>
    public int ProcessId => _process is { HasExited: false } process ? process.Id : 0;

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var key in new[] { "ConnectionStrings__Postgres", "ConnectionStrings__Redis", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _log.Append($"---- {DateTimeOffset.UtcNow:O} starting {Name}");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => _log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => _log.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {Name}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>SIGTERM, as an orchestrator stops a pod, then waits for the process to leave the cluster and exit.</summary>
    public async Task StopGracefullyAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _log.Append($"---- {Name} did not stop within {timeout.TotalSeconds} s of SIGTERM: killed");
            Kill();
        }
    }

    /// <summary>SIGKILL: the process vanishes with no chance to hand anything over.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public string Tail() => _log.Tail(40);

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        _log.Dispose();
        return ValueTask.CompletedTask;
    }
}
