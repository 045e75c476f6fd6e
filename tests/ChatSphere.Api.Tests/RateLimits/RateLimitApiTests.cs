using System.Net;
using System.Net.Http.Json;
using ChatSphere.Api.RateLimiting;
using ChatSphere.Api.Tests.Billing;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Api.Tests.RateLimits;

[Collection(LimitsApiCollection.Name)]
public sealed class RateLimitApiTests(LimitsApiFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Rest_messages_beyond_the_visitor_rate_answer_429_with_retry_after()
    {
        var bot = await fixture.NewBotAsync("pro");
        var reply = await Http.AskAsync(bot.Id, "First");
        for (var i = 1; i < LimitsApiFixture.ProVisitorBurst; i++)
        {
            await Http.AskAsync(bot.Id, $"Question {i}", reply.ConversationId);
        }

        using var refused = await Http.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages", new { text = "Too fast", conversationId = reply.ConversationId }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        // One message every 2.5 s: the wait is a few seconds, in whole seconds.
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        var problem = (await refused.Content.ReadFromJsonAsync<RateProblemDto>(ApiHost.Json))!;
        Assert.Equal(429, problem.Status);
        Assert.Equal("visitor", problem.Scope);
        Assert.Equal((int)retryAfter.Value.TotalSeconds, problem.RetryAfter);
        Assert.Contains("too quickly", problem.Detail);

        // Nothing was stored for the refused message.
        var messages = (await Http.GetFromJsonAsync<PageDto<ReplyDto>>($"api/v1/conversations/{reply.ConversationId}/messages?limit=100", ApiHost.Json))!;
        Assert.Equal(2 * LimitsApiFixture.ProVisitorBurst, messages.Items.Count);

        await Task.Delay(retryAfter.Value);
        await Http.AskAsync(bot.Id, "Patiently", reply.ConversationId);
    }

    [Fact]
    public async Task A_hub_send_beyond_the_rate_fails_that_call_and_keeps_the_connection()
    {
        var bot = await fixture.NewBotAsync("pro");
        await using var hub = fixture.NewHub();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        for (var i = 0; i < LimitsApiFixture.ProVisitorBurst; i++)
        {
            var events = await HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, $"c{i}", $"Question {i}"));
            Assert.Equal(ChatEventType.Done, events[^1].Type);
        }

        var refused = await Assert.ThrowsAsync<HubException>(
            () => HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "fast", "Too fast")));
        Assert.Contains("too quickly", refused.Message);
        Assert.Contains("seconds", refused.Message);
        Assert.Equal(HubConnectionState.Connected, hub.State);

        // A new conversation does not make a new visitor: the same token keeps the same allowance.
        var again = await hub.InvokeAsync<StartDto>("NewConversation", bot.Id, start.VisitorToken);
        await Assert.ThrowsAsync<HubException>(() => HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", again.ConversationId, "fast", "Still too fast")));

        // Once the bucket refills, the same connection goes on.
        var later = await Eventually.ReturnsAsync(
            () => HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "later", "Later")),
            _ => true,
            "the visitor's bucket to refill",
            TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(500),
            retryOn: e => e is HubException);
        Assert.Equal(ChatEventType.Done, later[^1].Type);
    }

    [Fact]
    public async Task A_busy_chatbot_is_limited_over_all_its_visitors()
    {
        var bot = await fixture.NewBotAsync("business");
        await using var hub = fixture.NewHub();
        await hub.StartAsync();
        var (accepted, refused) = (0, 0);
        for (var visitor = 0; visitor < 10; visitor++)
        {
            // No token: every conversation is a new visitor, each well within its own allowance.
            var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
            try
            {
                await HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "c1", "Hello"));
                accepted++;
            }
            catch (HubException busy)
            {
                Assert.Contains("very busy", busy.Message);
                refused++;
            }
        }

        // Two shards of 8 a minute let at most 2 + 2 through at once (a little more if a shard refills meanwhile).
        Assert.InRange(accepted, 2, 6);
        Assert.Equal(10 - accepted, refused);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_client_address()
    {
        using var data = new TestSqlite();
        await using var host = await ApiHost.StartAsync(data.Folder, new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            // A quarter of a minute's allowance at once: 3 attempts, then one every 5 s.
            ["ChatSphere:RateLimits:AuthAttemptsPerMinute"] = "12",
        });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        for (var i = 0; i < 3; i++)
        {
            using var attempt = await client.PostAsJsonAsync("api/v1/auth/login", new { email = "a@example.com", password = "wrong" }, ApiHost.Json);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, attempt.StatusCode);
        }

        using var refused = await client.PostAsJsonAsync("api/v1/auth/login", new { email = "a@example.com", password = "wrong" }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("ip", (await refused.Content.ReadFromJsonAsync<RateProblemDto>(ApiHost.Json))!.Scope);

        // Other routes, and reads under the sign-in paths, are not sign-in attempts.
        using var elsewhere = await client.GetAsync("health/live");
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        using var read = await client.GetAsync("api/v1/auth/login");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, read.StatusCode);

        // Refreshing and signing out carry a refresh token (nothing to guess): a dashboard that reloads often keeps its session.
        using var refresh = await client.PostAsJsonAsync("api/v1/auth/refresh", new { refreshToken = "not-a-refresh-token" }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task An_api_key_is_limited_by_its_workspaces_plan()
    {
        var owner = await fixture.NewOwnerAsync("business");
        var workspaceId = owner.WorkspaceId;
        using (var created = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{workspaceId}/api-keys", new { name = "ci", scopes = new[] { "read" } }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var key = (await created.Content.ReadFromJsonAsync<IssuedKeyDto>(ApiHost.Json))!;
            using var keyClient = fixture.Host.Client(key.Secret);

            // Business allows 2 requests at once per key, then answers 429 with the key as the scope.
            for (var i = 0; i < 2; i++)
            {
                using var allowed = await keyClient.GetAsync($"api/v1/chatbots?workspaceId={workspaceId}");
                Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            }

            using var limited = await keyClient.GetAsync($"api/v1/chatbots?workspaceId={workspaceId}");
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal("apiKey", (await limited.Content.ReadFromJsonAsync<RateProblemDto>(ApiHost.Json))!.Scope);
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));

            // The owner's own requests are not the key's.
            using var ownerRead = await owner.Http.GetAsync($"api/v1/chatbots?workspaceId={workspaceId}");
            Assert.Equal(HttpStatusCode.OK, ownerRead.StatusCode);
        }

        // The same check, called directly: keys are limited one by one.
        var checks = fixture.Host.Services.GetRequiredService<RateLimitChecks>();
        var keyId = GrainInterfaces.Ids.New("key");
        await checks.CheckApiKeyAsync(keyId, workspaceId);
        await checks.CheckApiKeyAsync(keyId, workspaceId);
        var refused = await Assert.ThrowsAsync<RateLimitExceededException>(() => checks.CheckApiKeyAsync(keyId, workspaceId).AsTask());
        Assert.Equal("apiKey", refused.Scope);
        Assert.InRange(refused.RetryAfterSeconds, 1, 8);

        // Keys are limited one by one.
        await checks.CheckApiKeyAsync(GrainInterfaces.Ids.New("key"), workspaceId);
    }

    [Fact]
    public void Visitors_spread_evenly_over_a_chatbots_shards_and_every_node_picks_the_same_one()
    {
        const int shards = 8;
        var counts = new int[shards];
        for (var i = 0; i < 8000; i++)
        {
            var visitor = "visitor:vis_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var shard = RateLimitChecks.ShardOf(visitor, shards);
            Assert.Equal(shard, RateLimitChecks.ShardOf(visitor, shards));
            counts[shard]++;
        }

        Assert.All(counts, count => Assert.InRange(count, 850, 1150));
        Assert.Equal("bot:bot_1#3", RateLimitChecks.BotShardKey("bot_1", 3));
        // A fixed point: the hash does not depend on the process (string.GetHashCode would).
        Assert.Equal(45, RateLimitChecks.ShardOf("visitor:fixed", 1000));
    }

    private sealed record IssuedKeyDto(string Secret);
}
