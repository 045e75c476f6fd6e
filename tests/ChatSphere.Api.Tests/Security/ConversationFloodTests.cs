using System.Net;
using System.Net.Http.Json;
using ChatSphere.Api.Tests.Billing;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Security;

/// <summary>
/// Issue 11, item 5: a new conversation before each message no longer escapes the visitor rate limit. New conversations are
/// limited per client address and bot, and a visitor's messages also count for their address, which a caller cannot mint.
/// </summary>
[Collection(SecurityApiCollection.Name)]
public sealed class ConversationFloodTests(SecurityApiFixture fixture)
{
    private const int Attempts = 40;

    [Fact]
    public async Task Starting_conversations_without_a_token_on_the_hub_is_limited_per_client_address()
    {
        var (_, bot) = await fixture.OwnerWithBotAsync();
        await using var hub = fixture.Visitor();
        await hub.StartAsync();

        var (created, refused) = (0, new List<HubException>());
        for (var i = 0; i < Attempts; i++)
        {
            try
            {
                await hub.InvokeAsync<StartDto>(i % 2 == 0 ? "NewConversation" : "StartConversation", bot.Id, null);
                created++;
            }
            catch (HubException limited)
            {
                refused.Add(limited);
            }
        }

        Assert.InRange(created, SecurityApiFixture.ConversationBurst, Attempts - 10);
        Assert.Contains("Too many new conversations", refused[0].Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task Starting_conversations_over_REST_is_limited_per_client_address_with_429()
    {
        var (_, bot) = await fixture.OwnerWithBotAsync(plan: "pro");
        using var visitor = fixture.Anonymous();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < Attempts && refused is null; i++)
        {
            // No message rates on this plan: only the limit on new conversations can refuse.
            var response = await visitor.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages", new { text = $"New visitor {i}" }, ApiHost.Json);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            var problem = (await refused.Content.ReadFromJsonAsync<RateProblemDto>(ApiHost.Json))!;
            Assert.Equal(429, problem.Status);
            Assert.Equal("conversations", problem.Scope);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), SecurityApiFixture.ConversationBurst, Attempts - 10);
    }

    [Fact]
    public async Task A_new_conversation_per_message_still_meets_the_visitor_rate_of_the_client_address()
    {
        var (_, bot) = await fixture.OwnerWithBotAsync();
        await using var hub = fixture.Visitor();
        await hub.StartAsync();

        var (sent, refused) = (0, new List<HubException>());
        for (var i = 0; i < 2 * SecurityApiFixture.VisitorBurst; i++)
        {
            var start = await hub.InvokeAsync<StartDto>("NewConversation", bot.Id, null);
            try
            {
                var events = await HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, $"c{i}", $"Question {i}"));
                Assert.Equal(ChatEventType.Done, events[^1].Type);
                sent++;
            }
            catch (HubException limited)
            {
                refused.Add(limited);
            }
        }

        // The plan allows each visitor 5 at once, and this address one visitor's worth: fresh visitors do not add to it.
        Assert.InRange(sent, SecurityApiFixture.VisitorBurst, SecurityApiFixture.VisitorBurst + 1);
        Assert.Contains("from your network", refused[0].Message, StringComparison.Ordinal);
    }
}
