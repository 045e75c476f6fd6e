using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Security;

/// <summary>Issue 11, suspected: "this API itself" is the configured or listening address, never the request's Host header.</summary>
[Collection(SecurityApiCollection.Name)]
public sealed class SelfOriginTests(SecurityApiFixture fixture)
{
    [Fact]
    public async Task A_Host_header_naming_the_callers_own_site_does_not_pass_it_as_this_API()
    {
        var bot = await ShopBotAsync();
        using var visitor = fixture.Anonymous();

        using var spoofed = new HttpRequestMessage(HttpMethod.Post, $"api/v1/chat/{bot.Id}/messages") { Content = JsonContent.Create(new { text = "hi" }) };
        spoofed.Headers.Host = "evil.example";
        spoofed.Headers.Add("Origin", "http://evil.example");
        using var refused = await visitor.SendAsync(spoofed);
        using var own = new HttpRequestMessage(HttpMethod.Post, $"api/v1/chat/{bot.Id}/messages") { Content = JsonContent.Create(new { text = "hi" }) };
        own.Headers.Add("Origin", fixture.Host.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var allowed = await visitor.SendAsync(own);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    private async Task<BotDto> ShopBotAsync()
    {
        var (owner, bot) = await fixture.OwnerWithBotAsync();
        using var patched = await owner.Http.PatchAsJsonAsync($"api/v1/chatbots/{bot.Id}", new { allowedDomains = new[] { "shop.example.com" } }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        return bot;
    }

    [Fact]
    public async Task The_hub_does_not_take_a_spoofed_Host_for_this_API_either()
    {
        var bot = await ShopBotAsync();
        await using var hub = fixture.Host.Hub(b => b.WithUrl(new Uri(fixture.Host.BaseAddress, "hubs/chat"), o =>
        {
            o.Headers["Origin"] = "http://evil.example";
            o.Headers["Host"] = "evil.example";
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
        }));
        await hub.StartAsync();

        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null));

        Assert.Contains("not allowed", refused.Message, StringComparison.Ordinal);
    }
}
