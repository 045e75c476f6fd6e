using System.Net.Http.Json;
using ChatSphere.Api.Tests.Accounts;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Security;

/// <summary>Issue 11, suspected: a hub connection opened with an access token closes when the token expires (here after 6 s).</summary>
public sealed class HubTokenExpiryTests : IAsyncLifetime
{
    private readonly TestSqlite _data = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(_data.Folder, new Dictionary<string, string?>
    {
        ["ChatSphere:Demo:Enabled"] = "false",
        ["ChatSphere:Auth:AccessTokenLifetime"] = "00:00:06",
    });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Chat_and_dashboard_connections_opened_with_a_JWT_close_when_it_expires_and_visitors_stay()
    {
        using var owner = await _host.RegisterAsync();
        var bot = await owner.Http.CreateBotAsync();
        // A token fresh from the refresh route, so the connections have its whole lifetime to open.
        using var refreshed = await _host.Http.PostAsJsonAsync("api/v1/auth/refresh", new { refreshToken = owner.RefreshToken }, ApiHost.Json);
        var accessToken = (await refreshed.Content.ReadFromJsonAsync<AuthDto>(ApiHost.Json))!.AccessToken;
        await using var chat = _host.Hub(accessToken);
        await using var dashboard = new HubConnectionBuilder()
            .WithUrl(new Uri(_host.BaseAddress, "hubs/dashboard"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken))
            .Build();
        await using var visitor = _host.Hub();
        var chatClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dashboardClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Closed += _ => Task.FromResult(chatClosed.TrySetResult());
        dashboard.Closed += _ => Task.FromResult(dashboardClosed.TrySetResult());
        await chat.StartAsync();
        await dashboard.StartAsync();
        await visitor.StartAsync();
        await chat.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        await dashboard.InvokeAsync("WatchSources", bot.Id);

        await Task.WhenAll(chatClosed.Task, dashboardClosed.Task).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HubConnectionState.Connected, visitor.State);
        await visitor.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
    }
}
