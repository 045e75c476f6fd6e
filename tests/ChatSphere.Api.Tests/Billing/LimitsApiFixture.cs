using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Billing;

/// <summary>
/// One API host for the plan and rate-limit tests: workspaces start on a tiny Free plan, Pro limits each visitor,
/// Business limits each chatbot (over two shards), and sign-in attempts are limited per address. Every test uses its
/// own workspace and bots. All clients and hub connections are made by <see cref="NewClient"/> and <see cref="NewHub"/>.
/// </summary>
public sealed class LimitsApiFixture : IAsyncLifetime
{
    public const int FreeChatbots = 1;
    public const int FreeMessages = 3;
    public const int ProVisitorBurst = 6;
    public const int AuthBurst = 3;
    public const string NotificationSecret = "limits-test-secret";

    private readonly TestSqlite _data = new();

    public ApiHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ApiHost.StartAsync(_data.Folder, new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            ["ChatSphere:Billing:DefaultPlan"] = "free",
            ["ChatSphere:Billing:MeterReportInterval"] = "00:00:00.200",
            ["ChatSphere:Billing:MeterRefusalHold"] = "00:00:00",
            ["ChatSphere:Billing:Manual:NotificationSecret"] = NotificationSecret,
            ["ChatSphere:Billing:Manual:AllowSelfService"] = "true",
            ["ChatSphere:Plans:Free:Chatbots"] = "1",
            ["ChatSphere:Plans:Free:MessagesPerMonth"] = "3",
            ["ChatSphere:Plans:Free:VisitorMessagesPerMinute"] = "0",
            ["ChatSphere:Plans:Free:BotMessagesPerMinute"] = "0",
            ["ChatSphere:Plans:Free:ApiRequestsPerMinute"] = "0",
            ["ChatSphere:Plans:Pro:Chatbots"] = "3",
            ["ChatSphere:Plans:Pro:MessagesPerMonth"] = "1000",
            // A quarter of a minute's allowance: 6 at once, then one every 2.5 s.
            ["ChatSphere:Plans:Pro:VisitorMessagesPerMinute"] = "24",
            ["ChatSphere:Plans:Pro:BotMessagesPerMinute"] = "0",
            ["ChatSphere:Plans:Business:MessagesPerMonth"] = "1000",
            ["ChatSphere:Plans:Business:VisitorMessagesPerMinute"] = "600",
            // Two shards of 8 a minute: each lets 2 through at once.
            ["ChatSphere:Plans:Business:BotMessagesPerMinute"] = "16",
            // 2 requests at once per key.
            ["ChatSphere:Plans:Business:ApiRequestsPerMinute"] = "8",
            ["ChatSphere:RateLimits:BotShards"] = "2",
            ["ChatSphere:RateLimits:AuthAttemptsPerMinute"] = "12",
        });
        Http = NewClient();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>The one place clients are made (the lead adds credentials here once endpoints require them).</summary>
    public HttpClient NewClient() => new() { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The one place hub connections are made.</summary>
    public HubConnection NewHub() => Host.Hub();

    /// <summary>Puts a fresh workspace on a plan (Free needs no call) and creates a bot on the "instant" model in it.</summary>
    public async Task<BotDto> NewBotAsync(string plan = "free")
    {
        var workspaceId = GrainInterfaces.Ids.New("ws");
        if (plan != "free")
        {
            using var changed = await Http.PutAsJsonAsync($"api/v1/workspaces/{workspaceId}/billing/plan", new { plan }, ApiHost.Json);
            Assert.Equal(System.Net.HttpStatusCode.OK, changed.StatusCode);
        }

        return await Http.CreateBotAsync(new { workspaceId, name = "Limits bot", answer = new { model = "instant" } });
    }
}

[CollectionDefinition(Name)]
public sealed class LimitsApiCollection : ICollectionFixture<LimitsApiFixture>
{
    public const string Name = "limits api";
}
