using System.Data.Common;
using System.Reflection;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Silo.Database;

/// <summary>
/// Applies the SQL scripts of deploy/sql/&lt;provider&gt;/ (embedded in this assembly) in name order, each once,
/// each in its own transaction, recording them in <c>cs_schema_migrations</c>. Safe to run on every start and
/// from several processes at once (PostgreSQL: an advisory lock; SQLite: an immediate transaction).
/// </summary>
public sealed partial class SchemaMigrator(ChatSphereDatabase database, ILogger<SchemaMigrator> logger)
{
    private const long PostgresLockKey = 0x43686174537068; // "ChatSph"

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.Options.ConnectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await connection.Command("SELECT pg_advisory_lock(@key)").With("key", PostgresLockKey).ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await connection.Command(
                "CREATE TABLE IF NOT EXISTS cs_schema_migrations (name varchar(200) NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)")
                .ExecuteNonQueryAsync(cancellationToken);

            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await connection.Command("SELECT name FROM cs_schema_migrations").ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var done = new List<string>();
            foreach (var (name, sql) in Scripts(database.Provider))
            {
                if (applied.Contains(name))
                {
                    continue;
                }

                await ApplyAsync(connection, name, sql, cancellationToken);
                LogApplied(name);
                done.Add(name);
            }

            return done;
        }
        finally
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                await connection.Command("SELECT pg_advisory_unlock(@key)").With("key", PostgresLockKey).ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>The embedded scripts for a provider, ordered by file name.</summary>
    public static IEnumerable<(string Name, string Sql)> Scripts(DatabaseProvider provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"ChatSphere.Sql.{(provider == DatabaseProvider.Postgres ? "postgresql" : "sqlite")}";
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (resource[(prefix.Length + 1)..], reader.ReadToEnd());
        }
    }

    private async Task ApplyAsync(DbConnection connection, string name, string sql, CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // BEGIN IMMEDIATE takes the write lock first, so two processes cannot apply the same script.
            await connection.Command("BEGIN IMMEDIATE").ExecuteNonQueryAsync(cancellationToken);
            try
            {
                if (await AlreadyAppliedAsync(connection, null, name, cancellationToken))
                {
                    await connection.Command("COMMIT").ExecuteNonQueryAsync(cancellationToken);
                    return;
                }

                await connection.Command(sql).ExecuteNonQueryAsync(cancellationToken);
                await RecordAsync(connection, null, name, cancellationToken);
                await connection.Command("COMMIT").ExecuteNonQueryAsync(cancellationToken);
            }
            catch
            {
                await connection.Command("ROLLBACK").ExecuteNonQueryAsync(CancellationToken.None);
                throw;
            }

            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.Command(sql, transaction).ExecuteNonQueryAsync(cancellationToken);
        await RecordAsync(connection, transaction, name, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<bool> AlreadyAppliedAsync(DbConnection connection, DbTransaction? transaction, string name, CancellationToken cancellationToken) =>
        await connection.Command("SELECT COUNT(*) FROM cs_schema_migrations WHERE name = @name", transaction)
            .With("name", name).ExecuteScalarAsync(cancellationToken) is long count && count > 0;

    private static Task RecordAsync(DbConnection connection, DbTransaction? transaction, string name, CancellationToken cancellationToken) =>
        connection.Command("INSERT INTO cs_schema_migrations (name, applied_at) VALUES (@name, @at)", transaction)
            .With("name", name).With("at", DateTimeOffset.UtcNow.ToUnixMs()).ExecuteNonQueryAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database script {Script}")]
    private partial void LogApplied(string script);
}
