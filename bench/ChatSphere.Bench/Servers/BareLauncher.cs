using System.Diagnostics;
using System.Globalization;

namespace ChatSphere.Bench.Servers;

/// <summary>Starts the bench's own executable as the bare hub server (the bare-server command) in a child process.</summary>
public static class BareLauncher
{
    public const string BotId = "bench";

    public static async Task<ServerUnderTest> StartAsync(int tokenCount, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("chatsphere-bench-bare-").FullName;
        var port = FreePorts.Take(1)[0];
        var baseUri = new Uri($"http://127.0.0.1:{port}");

        var benchDll = typeof(BareLauncher).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(benchDll)! };
        foreach (var argument in new[] { benchDll, "bare-server", "--port", port.ToString(CultureInfo.InvariantCulture), "--tokens", tokenCount.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");

        var process = await ServerProcess.StartAsync(start, baseUri, Path.Combine(work, "server.log"), cancellationToken);
        return new ServerUnderTest(ServerKind.Bare, process, BotId, work);
    }
}
