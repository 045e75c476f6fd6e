using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Accounts;

/// <summary>A registered account and an HTTP client signed in as it.</summary>
public sealed record TestUser(string Id, string Email, string Password, string WorkspaceId, string AccessToken, string RefreshToken) : IDisposable
{
    public required HttpClient Http { get; init; }

    public void Dispose() => Http.Dispose();
}

/// <summary>
/// How tests get authenticated: <c>await host.RegisterAsync()</c> signs up a fresh user (with a workspace of their own,
/// or the demo one for the first user of an embedded host) and returns a client that sends its access token;
/// <c>host.Client(token)</c> makes a client for any bearer token (a JWT or an API key); <c>host.Hub(token)</c> a hub
/// connection that presents one.
/// </summary>
public static class TestAccounts
{
    public const string Password = "correct horse battery";

    public static async Task<TestUser> RegisterAsync(this ApiHost host, string? email = null, string name = "Test User")
    {
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        using var response = await host.Http.PostAsJsonAsync("api/v1/auth/register", new { email, password = Password, name }, ApiHost.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var session = (await response.Content.ReadFromJsonAsync<AuthDto>(ApiHost.Json))!;
        return new TestUser(session.User.Id, email, Password, session.Workspace!.Id, session.AccessToken, session.RefreshToken)
        {
            Http = host.Client(session.AccessToken),
        };
    }

    /// <summary>An HTTP client of the host that sends <c>Authorization: Bearer <paramref name="bearer"/></c>.</summary>
    public static HttpClient Client(this ApiHost host, string bearer)
    {
        var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return http;
    }

    /// <summary>A hub connection that presents <paramref name="bearer"/> (as SignalR clients do: the access_token parameter on WebSockets).</summary>
    public static HubConnection Hub(this ApiHost host, string bearer) =>
        host.Hub(b => b.WithUrl(new Uri(host.BaseAddress, "hubs/chat"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(bearer)));
}
