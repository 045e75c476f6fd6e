namespace ChatSphere.Bench.Servers;

/// <summary>A running server the load generator talks to: where its hub is, which bot to chat with, its process.</summary>
public sealed class ServerUnderTest(ServerKind kind, ServerProcess process, string botId, string workFolder) : IAsyncDisposable
{
    public ServerKind Kind { get; } = kind;

    public ServerProcess Process { get; } = process;

    public string BotId { get; } = botId;

    public Uri HubUri => new(Process.BaseUri, "/hubs/chat");

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        try
        {
            Directory.Delete(workFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process: the folder is under the temp folder, left for the OS.
        }
    }
}
