using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Realtime;
using ChatSphere.Api.Tests.Accounts;
using ChatSphere.Api.Tests.Cluster;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Api.Tests.Security;

/// <summary>
/// Issue 11, item 3, across two API nodes on one PostgreSQL cluster: the dashboard hub follows the workspace as it is now.
/// A key revoked on node A closes its dashboard connection on node B; a member removed on node A gets no further event on
/// node B, their connection closes, and they can no longer send on a conversation they opened on the chat hub.
/// </summary>
public sealed class HubAccessClusterTests : IAsyncLifetime
{
    private readonly RecordingEmailSender _emails = new();
    private TwoApiNodes _nodes = null!;

    public async Task InitializeAsync() => _nodes = await TwoApiNodes.StartAsync("hubaccess", tokenCount: 5, tokenDelayMs: 0, services: services =>
    {
        services.RemoveAll<IEmailSender>();
        services.AddSingleton<IEmailSender>(_emails);
    });

    public async Task DisposeAsync()
    {
        if (_nodes is not null)
        {
            await _nodes.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_key_revoked_on_one_node_closes_its_dashboard_connection_on_the_other()
    {
        using var owner = await _nodes.A.RegisterAsync();
        var bot = await owner.Http.CreateBotAsync();
        using var create = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/api-keys", new { name = "Dashboard", scopes = new[] { "read" } }, ApiHost.Json);
        var key = (await create.Content.ReadFromJsonAsync<IssuedApiKeyDto>(ApiHost.Json))!;
        await using var hub = Dashboard(_nodes.B, key.Secret);
        var closed = ClosedSignal(hub);
        await hub.StartAsync();
        await hub.InvokeAsync("WatchSources", bot.Id);

        Assert.Equal(HttpStatusCode.NoContent, await owner.Http.DeleteAsync($"api/v1/workspaces/{owner.WorkspaceId}/api-keys/{key.Key.Id}").StatusAsync());

        await closed.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Fact]
    public async Task A_member_removed_on_one_node_gets_no_more_events_on_the_other_and_cannot_send()
    {
        using var owner = await _nodes.A.RegisterAsync();
        var bot = await owner.Http.CreateBotAsync();
        var email = $"editor-{Guid.NewGuid():N}@example.com";
        using (var invite = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/invitations", new { email, role = "editor" }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        }

        using var member = await _nodes.B.RegisterAsync(email, "Editor");
        using (var accept = await member.Http.PostAsJsonAsync("api/v1/invitations/accept", new { token = _emails.TokenFor(email, "invitation") }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        }

        var events = Channel.CreateUnbounded<SourceUpdate>();
        await using var dashboard = Dashboard(_nodes.B, member.AccessToken);
        dashboard.On<SourceUpdate>(DashboardHub.SourceUpdated, update => events.Writer.TryWrite(update));
        var closed = ClosedSignal(dashboard);
        await dashboard.StartAsync();
        await dashboard.InvokeAsync("WatchSources", bot.Id);
        await using var chat = _nodes.B.Hub(member.AccessToken);
        await chat.StartAsync();
        var start = await chat.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        Assert.Equal(ChatEventType.Done, (await HubTests.ReadAllAsync(chat.StreamAsync<ChatEvent>("Send", start.ConversationId, "c1", "Before")))[^1].Type);

        Assert.Equal(HttpStatusCode.NoContent, await owner.Http.DeleteAsync($"api/v1/workspaces/{owner.WorkspaceId}/members/{member.Id}").StatusAsync());
        await owner.Http.AddQaAsync(bot.Id, "Watched after removal?", "No.");

        await closed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(events.Reader.TryRead(out _));
        await Assert.ThrowsAsync<HubException>(() => HubTests.ReadAllAsync(chat.StreamAsync<ChatEvent>("Send", start.ConversationId, "c2", "After")));
        await using var again = Dashboard(_nodes.B, member.AccessToken);
        await again.StartAsync();
        await Assert.ThrowsAsync<HubException>(() => again.InvokeAsync("WatchSources", bot.Id));
    }

    private static HubConnection Dashboard(ApiHost host, string bearer) => new HubConnectionBuilder()
        .WithUrl(new Uri(host.BaseAddress, "hubs/dashboard"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(bearer))
        .Build();

    private static Task ClosedSignal(HubConnection hub)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}
