namespace ChatSphere.Grains.Tests;

/// <summary>A fresh data folder under the system temp folder (the embedded shape's SQLite file goes here), deleted on dispose.</summary>
public sealed class TempDataFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chatsphere-grain-tests", Guid.NewGuid().ToString("N"));

    public TempDataFolder() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        // Pooled SQLite connections keep the file open until their pool is cleared.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
