using System.Diagnostics;

namespace ChatSphere.Bench.Failures;

/// <summary>
/// The drill's own PostgreSQL and Redis on loopback, run by deploy/local/services.sh with their own ports and folder,
/// and the faults done to them: Redis stopped and started again, PostgreSQL restarted.
/// </summary>
public sealed class BackingServices(string repoRoot, int postgresPort, int redisPort, string folder) : IAsyncDisposable
{
    public string Postgres => $"Host=127.0.0.1;Port={postgresPort};Username=postgres;Database=chatsphere_drill;Maximum Pool Size=40";

    public string Redis => $"127.0.0.1:{redisPort},abortConnect=false";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RunAsync("bash", [Path.Combine(repoRoot, "deploy/local/services.sh"), "start"], cancellationToken);
        await RunAsync(Path.Combine(PgBin, "psql"), ["-h", "127.0.0.1", "-p", Port(postgresPort), "-U", "postgres", "-c", "CREATE DATABASE chatsphere_drill"], cancellationToken);
    }

    /// <summary>Redis goes away at once (no save): every API node loses its backplane connection.</summary>
    public Task StopRedisAsync(CancellationToken cancellationToken) =>
        RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", Port(redisPort), "shutdown", "nosave"], cancellationToken, allowFailure: true);

    public Task StartRedisAsync(CancellationToken cancellationToken) =>
        RunAsync("bash", [Path.Combine(repoRoot, "deploy/local/services.sh"), "start"], cancellationToken);

    /// <summary>A fast restart: PostgreSQL ends every connection, rolls back open transactions, and comes back.</summary>
    public Task RestartPostgresAsync(CancellationToken cancellationToken)
    {
        string[] restart = [Path.Combine(PgBin, "pg_ctl"), "-D", Path.Combine(folder, "pg"), "-m", "fast", "-w", "-t", "60", "restart"];
        // PostgreSQL refuses to run as root: as root (CI), its own user restarts it, as services.sh starts it.
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", .. restart], cancellationToken, workingDirectory: "/")
            : RunAsync(restart[0], restart[1..], cancellationToken);
    }

    public async ValueTask DisposeAsync() =>
        await RunAsync("bash", [Path.Combine(repoRoot, "deploy/local/services.sh"), "stop"], CancellationToken.None, allowFailure: true);

    private static string PgBin => Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task RunAsync(string program, string[] arguments, CancellationToken cancellationToken, bool allowFailure = false, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? repoRoot };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CHATSPHERE_PG_PORT"] = Port(postgresPort);
        start.Environment["CHATSPHERE_REDIS_PORT"] = Port(redisPort);
        start.Environment["CHATSPHERE_SERVICES_DIR"] = folder;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await errors}{await output}");
        }
    }
}
