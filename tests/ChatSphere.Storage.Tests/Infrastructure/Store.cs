namespace ChatSphere.Storage.Tests.Infrastructure;

/// <summary>The two databases ChatSphere runs Orleans on: PostgreSQL (cluster shape) and SQLite (embedded shape).</summary>
public enum Store
{
    Postgres,
    Sqlite,
}
