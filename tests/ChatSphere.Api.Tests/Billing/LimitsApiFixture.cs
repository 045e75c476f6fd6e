using System.Net.Http.Json;
using ChatSphere.Api.Tests.Accounts;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Billing;

/// <summary>
/// One API host for the plan and rate-limit tests: workspaces start on a tiny Free plan, Pro limits each visitor,
/// Business limits each chatbot (over two shards). Every test signs up its own owner (<see cref="NewOwnerAsync"/>, which
/// makes <see cref="Http"/> that owner's client) and so gets its own workspace and bots. Sign-in attempts are not limited
/// here, since every test signs up from the one loopback address; the sign-in limit's test starts a host of its own.
/// </summary>
public sealed class LimitsApiFixture : IAsyncLifetime
{
    public const int FreeChatbots = 1;
    public const int FreeMessages = 3;
    public const int ProVisitorBurst = 6;
    public const string NotificationSecret = "limits-test-secret";

    private readonly TestSqlite _data = new();

    public ApiHost Host { get; private set; } = null!;

    private readonly List<TestUser> _owners = [];

    /// <summary>The client of the owner the current test signed up last (tests of a collection run one at a time).</summary>
    public HttpClient Http => _owners.Count > 0 ? _owners[^1].Http : throw new InvalidOperationException("Sign up an owner first.");

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
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var owner in _owners)
        {
            owner.Dispose();
        }

        await Host.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>An anonymous client (a widget visitor, a payment provider).</summary>
    public HttpClient NewClient() => new() { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Signs up a new owner, whose new workspace starts on Free and is moved to <paramref name="plan"/>.</summary>
    public async Task<TestUser> NewOwnerAsync(string plan = "free")
    {
        var owner = await Host.RegisterAsync();
        _owners.Add(owner);
        if (plan != "free")
        {
            using var changed = await owner.Http.PutAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/billing/plan", new { plan }, ApiHost.Json);
            Assert.Equal(System.Net.HttpStatusCode.OK, changed.StatusCode);
        }

        return owner;
    }

    /// <summary>The one place hub connections are made.</summary>
    public HubConnection NewHub() => Host.Hub();

    /// <summary>A new owner's workspace on <paramref name="plan"/>, with a bot on the "instant" model in it.</summary>
    public async Task<BotDto> NewBotAsync(string plan = "free")
    {
        var owner = await NewOwnerAsync(plan);
        return await owner.Http.CreateBotAsync(new { workspaceId = owner.WorkspaceId, name = "Limits bot", answer = new { model = "instant" } });
    }
}

[CollectionDefinition(Name)]
public sealed class LimitsApiCollection : ICollectionFixture<LimitsApiFixture>
{
    public const string Name = "limits api";
}
