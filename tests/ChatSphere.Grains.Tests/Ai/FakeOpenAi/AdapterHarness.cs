using System.Globalization;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Ai.Generation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Tests.Ai.FakeOpenAi;

/// <summary>
/// The fake OpenAI server and the AI services configured against it as a deployment would be: provider "fake"
/// (openai-compatible, quick retries and timeouts), "flaky" (no retries, a circuit that opens after two failures),
/// "azure" (azure-openai on the same server). Shared by the adapter tests.
/// </summary>
public sealed class AdapterHarness : IAsyncLifetime
{
    public const string Knowledge = "Parcels ship within two days of the order.";

    /// <summary>What the embedded answerer replies from <see cref="Knowledge"/>: its one sentence, cited.</summary>
    public const string EmbeddedReply = Knowledge + " [1]";

    public FakeOpenAiServer Server { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    public IChatModelCatalog Catalog => Services.GetRequiredService<IChatModelCatalog>();

    public ReplyGenerator Generator => Services.GetRequiredService<ReplyGenerator>();

    public async Task InitializeAsync()
    {
        Server = await FakeOpenAiServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(Server.BaseUrl)).Build();
        Services = new ServiceCollection().AddLogging().AddMetrics().AddChatSphereAi(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }

    /// <summary>Provider settings pointing at <paramref name="baseUrl"/>, as configuration keys.</summary>
    public static Dictionary<string, string?> Settings(Uri baseUrl)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ChatSphere:Ai:Providers:fake:Type"] = "openai-compatible",
            ["ChatSphere:Ai:Providers:fake:BaseUrl"] = baseUrl.ToString(),
            ["ChatSphere:Ai:Providers:fake:ApiKey"] = "deployment-key",
            ["ChatSphere:Ai:Providers:fake:MaxRetries"] = "2",
            ["ChatSphere:Ai:Providers:fake:RetryBaseDelayMs"] = "10",
            ["ChatSphere:Ai:Providers:fake:MaxRetryAfterSeconds"] = "5",
            ["ChatSphere:Ai:Providers:fake:FirstTokenTimeoutSeconds"] = "1",
            ["ChatSphere:Ai:Providers:fake:IdleTimeoutSeconds"] = "1",
            ["ChatSphere:Ai:Providers:fake:BreakerMinimumThroughput"] = "1000",
            ["ChatSphere:Ai:Providers:flaky:Type"] = "openai-compatible",
            ["ChatSphere:Ai:Providers:flaky:BaseUrl"] = baseUrl.ToString(),
            ["ChatSphere:Ai:Providers:flaky:MaxRetries"] = "0",
            ["ChatSphere:Ai:Providers:flaky:BreakerMinimumThroughput"] = "2",
            ["ChatSphere:Ai:Providers:flaky:BreakerFailureRatio"] = "0.5",
            ["ChatSphere:Ai:Providers:flaky:BreakDurationSeconds"] = "60",
            ["ChatSphere:Ai:Providers:flaky:Models:0:Name"] = Scenarios.ServerError,
            ["ChatSphere:Ai:Providers:azure:Type"] = "azure-openai",
            ["ChatSphere:Ai:Providers:azure:BaseUrl"] = new Uri(baseUrl, "/").ToString(),
            ["ChatSphere:Ai:Providers:azure:ApiKey"] = "azure-key",
            ["ChatSphere:Ai:Providers:azure:Models:0:Name"] = Scenarios.Ok,
        };
        for (var i = 0; i < Scenarios.ChatModels.Length; i++)
        {
            settings[$"ChatSphere:Ai:Providers:fake:Models:{i}:Name"] = Scenarios.ChatModels[i];
        }

        var e = Scenarios.ChatModels.Length.ToString(CultureInfo.InvariantCulture);
        settings[$"ChatSphere:Ai:Providers:fake:Models:{e}:Name"] = Scenarios.Embeddings;
        settings[$"ChatSphere:Ai:Providers:fake:Models:{e}:Embeddings"] = "true";
        return settings;
    }

    public static GenerationRequest Request(string model, int maxOutputTokens = 64, params string[] fallbacks) => new()
    {
        Bot = new ChatbotInfo
        {
            Id = "bot_adapter",
            WorkspaceId = "ws_adapter",
            Settings = new ChatbotSettings
            {
                Name = "Shop",
                Answer = new AnswerSettings { Model = model, FallbackModels = fallbacks, MaxOutputTokens = maxOutputTokens },
            },
        },
        Question = "How fast do parcels ship?",
        Hits = [new KnowledgeHit { SourceId = "src_shipping", Score = 0.9, Title = "Shipping", Text = Knowledge }],
    };

    /// <summary>Runs a generation to its end: the text streamed, and the outcome.</summary>
    public async Task<(string Text, GenerationOutcome Outcome)> RunAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var text = new System.Text.StringBuilder();
        GenerationOutcome? outcome = null;
        await foreach (var e in Generator.GenerateAsync(request, cancellationToken))
        {
            switch (e)
            {
                case GenerationToken token:
                    text.Append(token.Text);
                    break;
                case GenerationFinished finished:
                    outcome = finished.Outcome;
                    break;
            }
        }

        return (text.ToString(), outcome ?? throw new InvalidOperationException("The generation ended without an outcome."));
    }
}

[CollectionDefinition(Name)]
public sealed class AdapterCollection : ICollectionFixture<AdapterHarness>
{
    public const string Name = "openai adapter";
}
