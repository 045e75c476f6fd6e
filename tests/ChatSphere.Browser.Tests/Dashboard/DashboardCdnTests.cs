namespace ChatSphere.Browser.Tests.Dashboard;

/// <summary>
/// The dashboard deployed as static files on another origin (a CDN on the same site as the API; config.js points at the
/// API): signing up, a reload that keeps the session through the refresh cookie, the bots list and the dashboard hub all
/// work across origins through the API's CORS policy for the configured dashboard origin.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardCdnTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_dashboard_from_another_origin_signs_up_keeps_the_session_lists_bots_and_goes_live()
    {
        await using var context = await fixture.NewPersonAsync();
        var page = await context.NewPageAsync();
        var apiOrigin = fixture.Api.Origin;
        var apiCalls = 0;
        var failed = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(apiOrigin + "/api/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref apiCalls);
            }
        };
        page.RequestFailed += (_, request) => failed.Add($"{request.Method} {request.Url}: {request.Failure}");
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("CORS", StringComparison.OrdinalIgnoreCase))
            {
                failed.Add(message.Text);
            }
        };

        await DashboardFixture.SignUpAsync(page, "Cora Cdn", fixture.Cdn.Origin);
        Assert.StartsWith(fixture.Cdn.Origin, page.Url, StringComparison.Ordinal);
        Assert.True(apiCalls > 0, "the dashboard did not call the API's origin");

        // A full page load on the CDN restores the session from the API's refresh cookie (same site, credentials).
        await page.GotoAsync($"{fixture.Cdn.Origin}/chatbots");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chatbots", Level = 1 })).ToBeVisibleAsync();
        await page.GetByTestId("create-chatbot").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Name").FillAsync("Across origins");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Across origins", Level = 1 })).ToBeVisibleAsync();
        var botPath = new Uri(page.Url).AbsolutePath;

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Across origins", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync($"{fixture.Cdn.Origin}/chatbots");
        await Assertions.Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = "Across origins" })).ToBeVisibleAsync();

        // The dashboard hub negotiates and connects across origins.
        await page.GotoAsync($"{fixture.Cdn.Origin}{botPath}/knowledge");
        await Assertions.Expect(page.GetByTestId("live-status")).ToHaveAttributeAsync("data-state", "connected");

        Assert.Empty(failed);
        Assert.StartsWith(fixture.Cdn.Origin, page.Url, StringComparison.Ordinal);
    }
}
