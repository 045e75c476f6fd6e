using ChatSphere.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace ChatSphere.Testing;

/// <summary>
/// A fresh temporary folder for the embedded shape (<c>ChatSphere:DataPath</c>) and the SQLite file in it;
/// disposing deletes the folder.
/// </summary>
public sealed class TestSqlite : IDisposable
{
    public TestSqlite()
    {
        Folder = Directory.CreateTempSubdirectory("chatsphere-test-").FullName;
    }

    /// <summary>The data folder (what <c>ChatSphere:DataPath</c> points at).</summary>
    public string Folder { get; }

    /// <summary>The database file the embedded shape uses inside <see cref="Folder"/>.</summary>
    public string DataSource => Path.Combine(Folder, "chatsphere.db");

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = DataSource, DefaultTimeout = 30 }.ToString();

    public DatabaseOptions DatabaseOptions => new() { Provider = DatabaseProvider.Sqlite, ConnectionString = ConnectionString };

    public void Dispose()
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A process that still holds the file (a killed silo's leftovers) must not fail the test run.
        }
    }
}
