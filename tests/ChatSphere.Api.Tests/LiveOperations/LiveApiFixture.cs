using ChatSphere.Api.Auth;
using ChatSphere.Api.Tests.Accounts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Api.Tests.LiveOperations;

/// <summary>
/// One embedded API host for the live-operations tests: invitations recorded (so agents and viewers can join), the instant
/// model paced like a real one (<see cref="Words"/> words, <see cref="DelayMs"/> ms apart) so a test can act mid-reply.
/// </summary>
public sealed class LiveApiFixture : IAsyncLifetime
{
    public const int Words = 40;
    public const int DelayMs = 40;

    private readonly TestSqlite _data = new();

    public ApiHost Host { get; private set; } = null!;

    public RecordingEmailSender Emails { get; } = new();

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync(
        _data.Folder,
        new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            ["ChatSphere:Ai:InstantModel:TokenCount"] = Words.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChatSphere:Ai:InstantModel:TokenDelayMs"] = DelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChatSphere:RateLimits:ConversationsPerAddressPerMinute"] = "0",
            ["ChatSphere:RateLimits:VisitorsPerAddress"] = "0",
        },
        services =>
        {
            services.RemoveAll<IEmailSender>();
            services.AddSingleton<IEmailSender>(Emails);
        });

    /// <summary>A member of <paramref name="owner"/>'s workspace with <paramref name="role"/>, joined by invitation.</summary>
    public Task<TestUser> JoinAsync(TestUser owner, string role) => Privacy.PrivacyTestKit.InviteAndJoinAsync(Host, Emails, owner, role);

    /// <summary>A dashboard hub connection signed in as <paramref name="user"/>.</summary>
    public HubConnection Dashboard(TestUser user) => new HubConnectionBuilder()
        .WithUrl(new Uri(Host.BaseAddress, "hubs/dashboard"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(user.AccessToken))
        .AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
            o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        })
        .Build();

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}
