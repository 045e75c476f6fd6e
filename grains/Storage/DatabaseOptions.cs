namespace ChatSphere.Grains.Storage;

/// <summary>Which relational database holds ChatSphere's own tables (and Orleans' ADO.NET tables).</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded shape: one SQLite file in the data folder.</summary>
    Sqlite,
    /// <summary>The cluster shape.</summary>
    Postgres,
}

/// <summary>The database the silo and its grains use, resolved from configuration at start-up.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string ConnectionString { get; set; } = "";
}
