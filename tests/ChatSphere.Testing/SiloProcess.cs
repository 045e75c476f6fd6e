using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatSphere.Testing;

/// <summary>
/// The silo program (silo/, ChatSphere.Silo.dll) in its own process, so a test can kill it abruptly, as when a
/// machine dies. Its output is kept (the last lines) for failure messages.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private SiloProcess(Process process, TestSiloSettings settings)
    {
        _process = process;
        Settings = settings;
    }

    public TestSiloSettings Settings { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the silo wrote (stdout and stderr).</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <summary>Starts the silo with the settings (and any further environment variables, e.g. <c>Orleans__Membership__ProbeTimeout</c>).</summary>
    public static SiloProcess Start(TestSiloSettings settings, IReadOnlyDictionary<string, string>? environment = null)
    {
        var assembly = SiloAssemblyPath();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The content root: the silo's appsettings.json is read from there.
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        info.ArgumentList.Add(assembly);
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings.ToEnvironment())
        {
            info.Environment[key] = value;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var silo = new SiloProcess(process, settings);
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until the silo's gateway accepts connections, which it does once the silo has joined.</summary>
    public async Task WaitStartedAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode}:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Settings.GatewayPort, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (SocketException e)
            {
                throw new TimeoutException($"The silo's gateway did not open within {timeout}:{Environment.NewLine}{RecentOutput}", e);
            }
        }
    }

    /// <summary>Ends the process at once (SIGKILL): no graceful shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>
    /// The silo's own build output (silo/bin/&lt;configuration&gt;/net10.0/), found from the test's output folder
    /// (tests/X/bin/&lt;configuration&gt;/net10.0/); the copy beside the test assembly otherwise.
    /// </summary>
    private static string SiloAssemblyPath()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent?.Name ?? "Debug";
        for (var folder = here; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatSphere.sln")))
            {
                var built = Path.Combine(folder.FullName, "silo", "bin", configuration, here.Name, "ChatSphere.Silo.dll");
                if (File.Exists(built))
                {
                    return built;
                }

                break;
            }
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "ChatSphere.Silo.dll");
        return File.Exists(beside) ? beside : throw new FileNotFoundException("ChatSphere.Silo.dll not found: build the silo project first.", beside);
    }
}
