namespace ChatSphere.Grains.Tests.Retrieval;

/// <summary>A temporary folder deleted on disposal.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("chatsphere-vectors-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
