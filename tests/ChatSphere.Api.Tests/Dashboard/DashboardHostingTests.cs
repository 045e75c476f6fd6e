using System.Net;
using System.Text.RegularExpressions;

namespace ChatSphere.Api.Tests.Dashboard;

/// <summary>
/// The dashboard is served at / with history-mode fallback (a deep link reloads into the same screen), its hashed
/// assets cached for a year, index.html and the runtime config.js never cached; the API's own paths keep their meaning
/// and an unknown /api/... stays a 404 ProblemDetails. Needs the dashboard built (the api project's build does it).
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed partial class DashboardHostingTests(EmbeddedApiFixture fixture)
{
    private HttpClient Http => fixture.Host.Http;

    [Theory]
    [InlineData("/")]
    [InlineData("/sign-in")]
    [InlineData("/chatbots/b_123/settings")]
    [InlineData("/reset-password?token=abc")]
    public async Task Dashboard_paths_and_deep_links_get_the_dashboard_never_cached(string path)
    {
        using var response = await Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache, "index.html must be revalidated so a new release is seen at once.");
        Assert.Contains("<div id=\"app\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/v1/chatbots/b_1/no-such-thing")]
    [InlineData("/api")]
    [InlineData("/hubs/no-such-hub")]
    [InlineData("/health/no-such-probe")]
    [InlineData("/openapi/nothing")]
    [InlineData("/widget/no-such-page")]
    public async Task Unknown_paths_of_the_API_stay_404_ProblemDetails(string path)
    {
        using var response = await Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<div id=\"app\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_to_an_unknown_path_is_a_404_not_the_dashboard()
    {
        using var response = await Http.PostAsync("/chatbots", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_API_s_own_paths_keep_their_meaning()
    {
        using var live = await Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("text/plain", live.Content.Headers.ContentType?.MediaType);

        using var openApi = await Http.GetAsync("/openapi/v1.json");
        Assert.Equal("application/json", openApi.Content.Headers.ContentType?.MediaType);

        using var widget = await Http.GetAsync("/widget.js");
        Assert.Equal(HttpStatusCode.OK, widget.StatusCode);
        Assert.Equal("text/javascript", widget.Content.Headers.ContentType?.MediaType);

        using var demo = await Http.GetAsync("/demo");
        Assert.DoesNotContain("<div id=\"app\">", await demo.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var metrics = await Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.DoesNotContain("<div id=\"app\">", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var me = await Http.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_and_the_runtime_config_never()
    {
        var index = await Http.GetStringAsync("/");
        var script = EntryScript().Match(index);
        Assert.True(script.Success, "index.html has no module script under /assets/.");

        using var asset = await Http.GetAsync(script.Groups["path"].Value);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), asset.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", asset.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        using var config = await Http.GetAsync("/config.js");
        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        Assert.True(config.Headers.CacheControl?.NoCache);
        Assert.Contains("__CHATSPHERE_CONFIG__", await config.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var missing = await Http.GetAsync("/assets/no-such-file.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [GeneratedRegex("<script type=\"module\" crossorigin src=\"(?<path>/assets/[^\"]+\\.js)\"")]
    private static partial Regex EntryScript();
}
