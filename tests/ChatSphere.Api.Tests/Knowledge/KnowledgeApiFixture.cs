using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Api.Tests.Accounts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Api.Tests.Knowledge;

/// <summary>
/// An embedded API host whose uploads are limited to <see cref="MaxFileBytes"/>, shared by the knowledge API tests.
/// Every HTTP client and hub connection of these tests comes from <see cref="Connect"/> and <see cref="DashboardHub"/>.
/// </summary>
public sealed class KnowledgeApiFixture : IAsyncLifetime
{
    public const int MaxFileBytes = 200_000;

    private readonly TestSqlite _data = new();

    public ApiHost Host { get; private set; } = null!;

    public HttpClient Http => Owner.Http;

    /// <summary>The signed-in owner whose workspace these tests' bots live in.</summary>
    public TestUser Owner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ApiHost.StartAsync(_data.Folder, new Dictionary<string, string?>
        {
            ["ChatSphere:Ingestion:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Owner = await Host.RegisterAsync();
    }

    public async Task DisposeAsync()
    {
        Owner.Dispose();
        await Host.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>The one place these tests make HTTP clients: signed in as <see cref="Owner"/>.</summary>
    public HttpClient Connect() => Host.Client(Owner.AccessToken);

    /// <summary>The one place these tests make dashboard hub connections.</summary>
    public HubConnection DashboardHub() => new HubConnectionBuilder()
        .WithUrl(new Uri(Host.BaseAddress, "hubs/dashboard"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(Owner.AccessToken))
        .AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        })
        .Build();

    /// <summary>Polls GET until the source is indexed or failed.</summary>
    public Task<KnowledgeSource> SettledAsync(string botId, string sourceId) =>
        Eventually.ReturnsAsync(
            async () => (await Http.GetFromJsonAsync<KnowledgeSource>($"api/v1/chatbots/{botId}/sources/{sourceId}", ApiHost.Json))!,
            source => source.Status is SourceStatus.Indexed or SourceStatus.Failed,
            $"source {sourceId} indexed or failed",
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(50));
}

[CollectionDefinition(Name)]
public sealed class KnowledgeApiCollection : ICollectionFixture<KnowledgeApiFixture>
{
    public const string Name = "knowledge api";
}
