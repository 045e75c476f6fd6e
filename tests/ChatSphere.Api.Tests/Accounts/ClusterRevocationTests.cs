using System.Net;
using System.Net.Http.Json;
using ChatSphere.Api.Tests.Cluster;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Accounts;

/// <summary>Two API nodes (each co-hosting a silo) on one PostgreSQL cluster: accounts and keys are the cluster's, not a node's.</summary>
public sealed class ClusterRevocationTests : IAsyncLifetime
{
    private TwoApiNodes _nodes = null!;

    public async Task InitializeAsync() => _nodes = await TwoApiNodes.StartAsync("keys", tokenCount: 20, tokenDelayMs: 0);

    public async Task DisposeAsync()
    {
        if (_nodes is not null)
        {
            await _nodes.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_key_revoked_on_node_A_stops_at_once_on_node_B_and_closes_its_connection_there()
    {
        using var owner = await _nodes.A.RegisterAsync();
        var bot = await owner.Http.CreateBotAsync();

        // Sessions and tokens are the cluster's: node B accepts node A's access and refresh tokens.
        using var onB = _nodes.B.Client(owner.AccessToken);
        Assert.Equal(HttpStatusCode.OK, await onB.GetAsync($"api/v1/chatbots/{bot.Id}").StatusAsync());
        using (var refresh = await _nodes.B.Http.PostAsJsonAsync("api/v1/auth/refresh", new { refreshToken = owner.RefreshToken }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        }

        using var create = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/api-keys", new { name = "Cluster", scopes = new[] { "chat", "read" } }, ApiHost.Json);
        var key = (await create.Content.ReadFromJsonAsync<IssuedApiKeyDto>(ApiHost.Json))!;

        await using var hub = _nodes.B.Hub(key.Secret);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        Assert.Equal(ChatEventType.Done, (await HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "c1", "hi")))[^1].Type);
        using var keyOnB = _nodes.B.Client(key.Secret);
        Assert.Equal(HttpStatusCode.OK, await keyOnB.GetAsync($"api/v1/chatbots/{bot.Id}").StatusAsync());

        Assert.Equal(HttpStatusCode.NoContent, await owner.Http.DeleteAsync($"api/v1/workspaces/{owner.WorkspaceId}/api-keys/{key.Key.Id}").StatusAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, await keyOnB.GetAsync($"api/v1/chatbots/{bot.Id}").StatusAsync());
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }
}
