using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Tests.LiveOperations;

/// <summary>A node with agents watching a workspace's inbox (what the API's InboxFeed is): it records the inbox events it gets.</summary>
public sealed class AgentsOnline : IInboxObserver, IDisposable
{
    private readonly IGrainFactory _client;
    private readonly Lock _gate = new();
    private readonly List<InboxEvent> _events = [];

    private AgentsOnline(IGrainFactory client)
    {
        _client = client;
        Reference = client.CreateObjectReference<IInboxObserver>(this);
    }

    public IInboxObserver Reference { get; }

    public IReadOnlyList<InboxEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Subscribes a node with <paramref name="agents"/> agents online to the workspace's inbox.</summary>
    public static async Task<AgentsOnline> InAsync(IGrainFactory client, string workspaceId, int agents = 1)
    {
        var node = new AgentsOnline(client);
        await client.GetGrain<IInboxGrain>(workspaceId).SubscribeAsync(node.Reference, agents);
        return node;
    }

    public Task OnInboxEventAsync(string workspaceId, InboxEvent inboxEvent)
    {
        lock (_gate)
        {
            _events.Add(inboxEvent);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _client.DeleteObjectReference<IInboxObserver>(Reference);
}
