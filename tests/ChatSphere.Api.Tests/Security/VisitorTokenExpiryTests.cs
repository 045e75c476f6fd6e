using System.Net;
using System.Net.Http.Json;
using ChatSphere.Api.Tests.Accounts;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Security;

/// <summary>Issue 11, suspected: visitor tokens expire (ChatSphere:Visitors:TokenLifetime, here five seconds), sliding on use.</summary>
public sealed class VisitorTokenExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly TestSqlite _data = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(_data.Folder, new Dictionary<string, string?>
    {
        ["ChatSphere:Demo:Enabled"] = "false",
        ["ChatSphere:Visitors:TokenLifetime"] = "00:00:05",
    });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task An_expired_token_neither_continues_a_conversation_over_REST_nor_reopens_it_on_the_hub()
    {
        using var owner = await _host.RegisterAsync();
        var bot = await owner.Http.CreateBotAsync();
        using var visitor = new HttpClient { BaseAddress = _host.BaseAddress };
        await visitor.AskAsync(bot.Id, "Warming up");
        await using var hub = _host.Hub();
        await hub.StartAsync();
        var first = await visitor.AskAsync(bot.Id, "Hello");
        var fresh = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, first.VisitorToken);

        await Task.Delay(Lifetime + TimeSpan.FromSeconds(1));

        using var late = await visitor.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages",
            new { text = "Still me?", conversationId = first.ConversationId, visitorToken = first.VisitorToken }, ApiHost.Json);
        var reopened = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, fresh.VisitorToken);

        // While it lived, the token opened the visitor's conversation; once expired, it opens nothing.
        Assert.Equal(first.ConversationId, fresh.ConversationId);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.NotEqual(first.ConversationId, reopened.ConversationId);
    }
}
