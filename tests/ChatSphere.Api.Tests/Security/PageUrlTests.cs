using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Security;

/// <summary>Issue 11, item 8: the page a conversation started on is stored only as an absolute http(s) URL.</summary>
public sealed class PageUrlTests(PostgresApiFixture fixture) : IClassFixture<PostgresApiFixture>
{
    [Theory]
    [InlineData("javascript:alert(document.cookie)", null)]
    [InlineData("\"><svg/onload=alert(1)>", null)]
    [InlineData("data:text/html,<script>alert(1)</script>", null)]
    [InlineData("/relative/page", null)]
    [InlineData("https://shop.example/help?topic=returns", "https://shop.example/help?topic=returns")]
    public async Task The_referer_is_kept_only_when_it_is_an_absolute_http_url(string referer, string? stored)
    {
        Assert.Equal(stored, await PageOfNewConversationAsync(page: null, referer));
    }

    [Fact]
    public async Task The_page_parameter_is_checked_the_same_way_and_an_overlong_one_is_dropped()
    {
        Assert.Null(await PageOfNewConversationAsync(page: "javascript:alert(1)", referer: "javascript:alert(2)"));
        Assert.Null(await PageOfNewConversationAsync(page: "https://shop.example/" + new string('a', 2100), referer: null));
        // Markup inside a real address comes back percent-encoded, never as markup.
        Assert.Equal("https://shop.example/%22%3E%3Csvg/onload=alert(1)%3E",
            await PageOfNewConversationAsync(page: "https://shop.example/\"><svg/onload=alert(1)>", referer: null));
        Assert.Equal("https://shop.example/a", await PageOfNewConversationAsync(page: "https://shop.example/a", referer: "https://other.example/"));
    }

    private async Task<string?> PageOfNewConversationAsync(string? page, string? referer)
    {
        var bot = await fixture.Owner.Http.CreateBotAsync();
        var url = new Uri(fixture.Host.BaseAddress, page is null ? "hubs/chat" : "hubs/chat?page=" + Uri.EscapeDataString(page));
        // Server-Sent Events: the connection's request is a plain HTTP request, so the handler can send any Referer,
        // unchecked, as a hostile client would.
        await using var hub = fixture.Host.Hub(b => b.WithUrl(url, o =>
        {
            o.Transports = HttpTransportType.ServerSentEvents;
            o.HttpMessageHandlerFactory = inner => new RefererHandler(referer) { InnerHandler = inner };
        }));
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);

        var conversation = await fixture.Owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{start.ConversationId}", ApiHost.Json);
        return conversation.TryGetProperty("pageUrl", out var stored) && stored.ValueKind == JsonValueKind.String ? stored.GetString() : null;
    }
}

/// <summary>Sends <c>Referer: {referer}</c> on every request, without the client's own header checks.</summary>
internal sealed class RefererHandler(string? referer) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (referer is not null)
        {
            request.Headers.Remove("Referer");
            request.Headers.TryAddWithoutValidation("Referer", referer);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
