using ChatSphere.Bench.Servers;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Bench.Load;

/// <summary>N widgets, each its own connection with one conversation, closed together.</summary>
public sealed class ConversationSet : IAsyncDisposable
{
    private readonly HubConnection[] _connections;

    private ConversationSet(HubConnection[] connections, ChatConversation[] conversations)
    {
        _connections = connections;
        Conversations = conversations;
    }

    public IReadOnlyList<ChatConversation> Conversations { get; }

    public static async Task<ConversationSet> OpenAsync(ServerUnderTest server, int count, int expectedTokens, CancellationToken cancellationToken)
    {
        var connections = await HubConnections.OpenManyAsync(server.HubUri, count, cancellationToken);
        try
        {
            var conversations = new ChatConversation[count];
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
                async (i, ct) => conversations[i] = await ChatConversation.StartAsync(connections[i], server.BotId, expectedTokens, ct));
            ClientGc.CollectSetUpGarbage();
            return new ConversationSet(connections, conversations);
        }
        catch
        {
            await HubConnections.CloseAllAsync(connections);
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(HubConnections.CloseAllAsync(_connections));
}
