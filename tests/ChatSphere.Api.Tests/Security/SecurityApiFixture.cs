using System.Net.Http.Json;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Tests.Accounts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Api.Tests.Security;

/// <summary>
/// One embedded API host for the security cases of the chat paths: workspaces start on a Free plan that allows each visitor
/// 20 messages a minute (5 at once) and each client address one visitor's worth per bot; a client address may start 40
/// conversations a minute with one bot (10 at once); Pro sets no message rates; embeddings are bounded small. Emails are
/// recorded (invitations).
/// Every test makes its own owner and bots, so the per-bot limits do not meet across tests.
/// </summary>
public sealed class SecurityApiFixture : IAsyncLifetime
{
    public const int VisitorBurst = 5;
    public const int ConversationBurst = 10;
    public const int MaxEmbeddingInputs = 8;
    public const int MaxEmbeddingChars = 500;
    public const int MaxEmbeddingBytes = 20_000;
    /// <summary>Texts per minute per workspace: a bucket of 10 (a quarter minute), refilling one every 1.5 s.</summary>
    public const int EmbeddingInputsPerMinute = 40;

    private readonly TestSqlite _data = new();

    public ApiHost Host { get; private set; } = null!;

    public RecordingEmailSender Emails { get; } = new();

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync(
        _data.Folder,
        new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            ["ChatSphere:Billing:DefaultPlan"] = "free",
            ["ChatSphere:Plans:Free:Chatbots"] = "100",
            ["ChatSphere:Plans:Free:MessagesPerMonth"] = "100000",
            ["ChatSphere:Plans:Free:Seats"] = "10",
            ["ChatSphere:Plans:Free:ApiRequestsPerMinute"] = "0",
            ["ChatSphere:Plans:Free:VisitorMessagesPerMinute"] = "20",
            ["ChatSphere:Plans:Free:BotMessagesPerMinute"] = "0",
            ["ChatSphere:Billing:Manual:NotificationSecret"] = "security-test-secret",
            ["ChatSphere:Billing:Manual:AllowSelfService"] = "true",
            // Pro here: no message rates at all, so only the limit on new conversations can refuse.
            ["ChatSphere:Plans:Pro:Chatbots"] = "100",
            ["ChatSphere:Plans:Pro:MessagesPerMonth"] = "100000",
            ["ChatSphere:Plans:Pro:ApiRequestsPerMinute"] = "0",
            ["ChatSphere:Plans:Pro:VisitorMessagesPerMinute"] = "0",
            ["ChatSphere:Plans:Pro:BotMessagesPerMinute"] = "0",
            ["ChatSphere:RateLimits:VisitorsPerAddress"] = "1",
            ["ChatSphere:RateLimits:ConversationsPerAddressPerMinute"] = "40",
            ["ChatSphere:Embeddings:MaxInputs"] = MaxEmbeddingInputs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChatSphere:Embeddings:MaxInputChars"] = MaxEmbeddingChars.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChatSphere:Embeddings:MaxRequestBytes"] = MaxEmbeddingBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChatSphere:Embeddings:InputsPerMinutePerWorkspace"] = EmbeddingInputsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        services =>
        {
            services.RemoveAll<IEmailSender>();
            services.AddSingleton<IEmailSender>(Emails);
        });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>An anonymous client: a widget visitor or anyone on the internet.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>An anonymous widget hub connection.</summary>
    public HubConnection Visitor() => Host.Hub();

    /// <summary>A new owner (with their own workspace, on <paramref name="plan"/>) and a bot on the "instant" model in it.</summary>
    public async Task<(TestUser Owner, BotDto Bot)> OwnerWithBotAsync(object? bot = null, string plan = "free")
    {
        var owner = await Host.RegisterAsync();
        if (plan != "free")
        {
            using var changed = await owner.Http.PutAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/billing/plan", new { plan }, ApiHost.Json);
            Assert.Equal(System.Net.HttpStatusCode.OK, changed.StatusCode);
        }

        return (owner, await owner.Http.CreateBotAsync(bot ?? new { name = "Security bot", answer = new { model = "instant" } }));
    }
}

[CollectionDefinition(Name)]
public sealed class SecurityApiCollection : ICollectionFixture<SecurityApiFixture>
{
    public const string Name = "security api";
}
