using ChatSphere.Api.Realtime;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Api.Tests.Cluster;

/// <summary>Two API nodes (each co-hosting a silo) on one PostgreSQL cluster and one Redis backplane.</summary>
public sealed class RedisBackplaneTests : IAsyncLifetime
{
    private TwoApiNodes _nodes = null!;

    // B keeps its own keys folder: a visitor token issued by A reads on B only through the shared key ring (in PostgreSQL).
    public async Task InitializeAsync() => _nodes = await TwoApiNodes.StartAsync(
        "redis", tokenCount: 80, tokenDelayMs: 20, redis: true,
        configureB: b => b["ChatSphere:KeysPath"] = Path.Combine(b["ChatSphere:DataPath"]!, "keys-b"));

    public async Task DisposeAsync()
    {
        if (_nodes is not null)
        {
            await _nodes.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_watcher_on_node_B_sees_the_tokens_of_a_reply_asked_on_node_A()
    {
        using var user = await _nodes.A.RegisterAsync();
        var bot = await user.Http.CreateBotAsync();
        await using var asker = _nodes.A.Hub();
        await asker.StartAsync();
        var start = await asker.InvokeAsync<StartDto>("StartConversation", bot.Id, null);

        await using var watcher = _nodes.B.Hub();
        await watcher.StartAsync();
        var watched = await watcher.InvokeAsync<StartDto>("StartConversation", bot.Id, start.VisitorToken);
        Assert.Equal(start.ConversationId, watched.ConversationId);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var watching = Task.Run(async () =>
        {
            var seen = new List<ChatEvent>();
            await foreach (var e in watcher.StreamAsync<ChatEvent>("Resume", start.ConversationId, 0L, stop.Token))
            {
                seen.Add(e);
                if (e.Type == ChatEventType.Done && e.Seq == 2)
                {
                    break;
                }
            }

            return seen;
        });

        var asked = await HubTests.ReadAllAsync(asker.StreamAsync<ChatEvent>("Send", start.ConversationId, "c1", "hello from A"));
        var seen = await watching;

        Assert.Equal(asked[^1].Text, seen[^1].Text);
        var tokens = seen.Where(e => e.Type == ChatEventType.Token).ToList();
        Assert.NotEmpty(tokens);
        Assert.Equal(asked[^1].Text, HubTests.Assemble(tokens));
        Assert.Contains(seen, e => e.Type == ChatEventType.Message && e.Text == "hello from A");
    }

    [Fact]
    public async Task A_hub_message_sent_on_node_A_reaches_a_connection_on_node_B_through_redis()
    {
        await using var onB = _nodes.B.Hub();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        onB.On<string>("notice", text => received.TrySetResult(text));
        await onB.StartAsync();

        await _nodes.A.Services.GetRequiredService<IHubContext<ChatHub>>().Clients.All.SendAsync("notice", "from node A");
        Assert.Equal("from node A", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
