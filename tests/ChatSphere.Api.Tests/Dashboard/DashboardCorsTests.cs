using System.Net;
using System.Net.Http.Json;
using ChatSphere.Api.Dashboard;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatSphere.Api.Tests.Dashboard;

/// <summary>
/// The dashboard served from another origin (a CDN): the API allows the configured origins with credentials on its
/// routes, its problems and the hubs' negotiation, and nobody else.
/// </summary>
public sealed class DashboardCorsTests : IAsyncLifetime
{
    private const string Dashboard = "https://app.example.com";
    private readonly TestSqlite _data = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(_data.Folder, new Dictionary<string, string?>
    {
        ["ChatSphere:Demo:Enabled"] = "false",
        ["ChatSphere:Dashboard:AllowedOrigins"] = "https://APP.example.com/, https://admin.example.com",
    });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Theory]
    [InlineData("POST", "/api/v1/auth/refresh", "content-type,x-chatsphere-client")]
    [InlineData("POST", "/hubs/dashboard/negotiate?negotiateVersion=1", "authorization,x-requested-with,x-signalr-user-agent")]
    [InlineData("PATCH", "/api/v1/chatbots/b_1", "authorization,content-type,x-chatsphere-client")]
    public async Task A_configured_origin_is_allowed_with_credentials(string method, string path, string headers)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", Dashboard);
        preflight.Headers.Add("Access-Control-Request-Method", method);
        preflight.Headers.Add("Access-Control-Request-Headers", headers);
        using var response = await _host.Http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Dashboard, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        Assert.Contains(method, response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        foreach (var header in headers.Split(','))
        {
            Assert.Contains(header, response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_problem_answered_to_the_dashboard_is_readable_by_it_and_sets_no_header_for_others()
    {
        using var refused = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = "nobody@example.com", password = "wrong password" }, options: ApiHost.Json),
        };
        refused.Headers.Add("Origin", "https://admin.example.com");
        using var response = await _host.Http.SendAsync(refused);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("https://admin.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());

        foreach (var stranger in new[] { "https://evil.example", "https://app.example.com:8443", "http://app.example.com" })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/auth/refresh");
            preflight.Headers.Add("Origin", stranger);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            using var answer = await _host.Http.SendAsync(preflight);
            Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"), stranger);
        }

        using var plain = await _host.Http.GetAsync("/health/live");
        Assert.False(plain.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("app.example.com")]
    [InlineData("https://app.example.com/dashboard")]
    [InlineData("ftp://app.example.com")]
    public void A_setting_that_is_no_origin_stops_the_start_with_a_message_naming_it(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DashboardCorsOptions.Section + ":0"] = value }).Build();
        using var services = new ServiceCollection().AddChatSphereDashboardCors(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DashboardCorsOptions>>().Value);
        Assert.Contains(DashboardCorsOptions.Section, error.Message, StringComparison.Ordinal);
    }
}
