using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Api.Tests.Accounts;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests;

/// <summary>A visitor who closes the page mid-reply stops the reply (once nobody reads it), over real SignalR.</summary>
public sealed class VisitorLeavesTests : IAsyncLifetime
{
    private readonly TestSqlite _data = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(_data.Folder, new Dictionary<string, string?>
    {
        ["ChatSphere:Demo:Enabled"] = "false",
        ["ChatSphere:Ai:InstantModel:Enabled"] = "true",
        ["ChatSphere:Ai:InstantModel:TokenCount"] = "200",
        ["ChatSphere:Ai:InstantModel:TokenDelayMs"] = "25",
        ["ChatSphere:Ai:AbandonedReplyGraceSeconds"] = "0.5",
    });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Closing_the_connection_mid_reply_ends_the_reply_as_interrupted()
    {
        using var owner = await _host.RegisterAsync();
        var bot = await owner.Http.CreateBotAsync();
        var hub = _host.Hub();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        await foreach (var e in hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "c1", "Tell me a long story"))
        {
            if (e.Type == ChatEventType.Token)
            {
                break;
            }
        }

        await hub.DisposeAsync();

        // 200 words at 25 ms would take 5 s; the visitor left after the first, so the reply stops about 1.5 s later.
        var reply = await Eventually.ReturnsAsync(
            async () =>
            {
                var page = await owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{start.ConversationId}/messages", ApiHost.Json);
                return page.GetProperty("items").EnumerateArray().LastOrDefault(m => m.GetProperty("role").GetString() == "assistant");
            },
            r => r.ValueKind != JsonValueKind.Undefined,
            "the interrupted reply stored",
            TimeSpan.FromSeconds(4),
            TimeSpan.FromMilliseconds(200));
        Assert.Equal("interrupted", reply.GetProperty("status").GetString());
        Assert.DoesNotContain("word200", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
