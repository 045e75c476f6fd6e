using System.Net.Http.Json;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Api.Tests.Cluster;

/// <summary>
/// Two dedicated silos on PostgreSQL membership and an API node in client mode. The silo hosting an active
/// conversation is killed; the conversation goes on from the survivor with its whole history.
/// </summary>
public sealed class ClusterFailoverTests : IAsyncLifetime
{
    private readonly TestSqlite _data = new();
    private readonly TestPostgres _postgres = new();
    private SiloProcess _first = null!;
    private SiloProcess _second = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        try
        {
            await StartClusterAsync();
        }
        catch
        {
            // xunit does not dispose a class whose set-up failed: stop the silo processes here.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartClusterAsync()
    {
        var postgres = await _postgres.CreateDatabaseAsync();
        var clusterId = "failover-" + Guid.NewGuid().ToString("N")[..8];
        var extra = ClusterSettings.Extra(_data.Folder, tokenCount: 120, tokenDelayMs: 25);
        _first = SiloProcess.Start(ClusterSettings.Silo(postgres, clusterId, _data.Folder), extra);
        await _first.WaitStartedAsync(TimeSpan.FromSeconds(60));
        _second = SiloProcess.Start(ClusterSettings.Silo(postgres, clusterId, _data.Folder), extra);
        await _second.WaitStartedAsync(TimeSpan.FromSeconds(60));
        var configuration = ClusterSettings.ForHost(ClusterSettings.Silo(postgres, clusterId, _data.Folder), extra);
        configuration["ChatSphere:Api:Mode"] = "client";
        _api = await ApiHost.StartAsync(_data.Folder, configuration);
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        _first?.Dispose();
        _second?.Dispose();
        await _postgres.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Killing_the_silo_of_a_conversation_loses_no_acknowledged_message()
    {
        using var user = await _api.RegisterAsync();
        var bot = await user.Http.CreateBotAsync();
        await using var hub = _api.Hub();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        var firstReply = await HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "q1", "first question"));
        Assert.Equal(MessageStatus.Complete, firstReply[^1].Status);

        var (victim, survivor) = await HostOfAsync(start.ConversationId);
        victim.Kill();

        // The widget retries with the same clientMessageId until the cluster has moved on.
        var second = await SendWithRetriesAsync(hub, start.ConversationId, "q2", "second question");
        Assert.Equal(ChatEventType.Done, second[^1].Type);
        Assert.Equal(MessageStatus.Complete, second[^1].Status);

        var messages = await user.Http.GetFromJsonAsync<PageDto<ConversationMessage>>($"api/v1/conversations/{start.ConversationId}/messages", ApiHost.Json);
        Assert.Equal([1L, 2, 3, 4], messages!.Items.Select(m => m.Seq));
        Assert.Equal(["first question", firstReply[^1].Text, "second question", second[^1].Text], messages.Items.Select(m => m.Text));
        Assert.Equal(survivor.Settings.SiloPort, (await HostPortAsync(start.ConversationId)));
    }

    [Fact]
    public async Task A_reply_cut_by_a_dead_silo_is_stored_as_interrupted_and_the_conversation_goes_on()
    {
        using var user = await _api.RegisterAsync();
        var bot = await user.Http.CreateBotAsync();
        await using var hub = _api.Hub();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);

        var events = new List<ChatEvent>();
        var killed = false;
        await foreach (var e in hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "q1", "a long answer please"))
        {
            events.Add(e);
            if (!killed && events.Count(t => t.Type == ChatEventType.Token) == 10)
            {
                (await HostOfAsync(start.ConversationId)).Victim.Kill();
                killed = true;
            }
        }

        // The stream still ends: the grain's next activation records the cut reply.
        Assert.Contains(events, e => e.Seq == 2 && e.Type is ChatEventType.Done or ChatEventType.Error);

        var next = await SendWithRetriesAsync(hub, start.ConversationId, "q2", "are you back?");
        Assert.Equal(MessageStatus.Complete, next[^1].Status);
        var messages = await user.Http.GetFromJsonAsync<PageDto<ConversationMessage>>($"api/v1/conversations/{start.ConversationId}/messages", ApiHost.Json);
        Assert.Equal([1L, 2, 3, 4], messages!.Items.Select(m => m.Seq));
        Assert.Equal(MessageStatus.Interrupted, messages.Items[1].Status);
        Assert.Equal(MessageStatus.Complete, messages.Items[3].Status);
    }

    private async Task<(SiloProcess Victim, SiloProcess Survivor)> HostOfAsync(string conversationId)
    {
        var port = await HostPortAsync(conversationId);
        return port == _first.Settings.SiloPort ? (_first, _second) : port == _second.Settings.SiloPort ? (_second, _first)
            : throw new InvalidOperationException($"The conversation is on an unknown silo (port {port}).");
    }

    private async Task<int> HostPortAsync(string conversationId)
    {
        var client = _api.Services.GetRequiredService<IClusterClient>();
        var address = await client.GetGrain<IManagementGrain>(0).GetActivationAddress(client.GetGrain<IConversationGrain>(conversationId));
        return address?.Endpoint.Port ?? throw new InvalidOperationException("The conversation has no activation.");
    }

    private static Task<List<ChatEvent>> SendWithRetriesAsync(HubConnection hub, string conversationId, string clientMessageId, string text) =>
        Eventually.ReturnsAsync(
            () => HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", conversationId, clientMessageId, text)),
            events => events.Count > 0 && events[^1].Type == ChatEventType.Done,
            "the conversation to come back and finish a reply",
            TimeSpan.FromSeconds(90),
            TimeSpan.FromMilliseconds(500),
            retryOn: e => e is HubException);
}
