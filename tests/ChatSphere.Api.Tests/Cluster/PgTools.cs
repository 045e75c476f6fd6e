using System.Diagnostics;
using Npgsql;

namespace ChatSphere.Api.Tests.Cluster;

/// <summary>PostgreSQL's own client programs (pg_dump, pg_restore) of the server version the tests run, as an operator runs them.</summary>
public static class PgTools
{
    private static readonly string BinDirectory =
        Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured ? configured : "/usr/lib/postgresql/15/bin";

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> against the database of <paramref name="connectionString"/>
    /// (host, port, user and password given as PG* variables, as docs/deployment.md's procedure does).</summary>
    public static async Task RunAsync(string program, string connectionString, params string[] arguments)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Path.Combine(BinDirectory, program)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = database.Host;
        start.Environment["PGPORT"] = database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = database.Username;
        start.Environment["PGDATABASE"] = database.Database;
        if (database.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await errors}{await output}");
    }
}
