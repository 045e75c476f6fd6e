using ChatSphere.Grains.Storage;
using ChatSphere.Silo.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatSphere.Testing;

/// <summary>Applies ChatSphere's schema (deploy/sql, embedded in the silo) the way the silo does at start-up.</summary>
public static class TestSchema
{
    /// <summary>Runs <see cref="SchemaMigrator"/> on the database and returns the scripts it applied.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(DatabaseOptions database, CancellationToken cancellationToken = default)
    {
        using var connections = new ChatSphereDatabase(Options.Create(database));
        var migrator = new SchemaMigrator(connections, NullLogger<SchemaMigrator>.Instance);
        return await migrator.MigrateAsync(cancellationToken);
    }

    /// <summary>Applies the schema to a PostgreSQL database given by its connection string.</summary>
    public static Task<IReadOnlyList<string>> ApplyPostgresAsync(string connectionString, CancellationToken cancellationToken = default) =>
        ApplyAsync(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString }, cancellationToken);
}
