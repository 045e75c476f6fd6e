using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using ChatSphere.Grains.Ai.Providers;
using ChatSphere.Grains.Knowledge.Vectors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAI;
using Polly.CircuitBreaker;

namespace ChatSphere.Grains.Knowledge.Embeddings;

/// <summary>Registers the embedder that turns a bot's chunks and questions into vectors.</summary>
public static class KnowledgeEmbeddingsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="KnowledgeEmbedder"/> from <c>ChatSphere:Knowledge:Embeddings</c>: the deployment's
    /// embedded generator (MiniLM) or an OpenAI-compatible endpoint reached through Microsoft.Extensions.AI.OpenAI with
    /// the model providers' resilience pipeline.
    /// </summary>
    public static IServiceCollection AddChatSphereKnowledgeEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KnowledgeEmbeddingOptions>()
            .Bind(configuration.GetSection(KnowledgeEmbeddingOptions.SectionName))
            .Validate(o => o.Provider is "embedded" or "openai", $"{KnowledgeEmbeddingOptions.SectionName}:Provider must be 'embedded' or 'openai'.")
            .Validate(o => o.Provider != "openai" || !string.IsNullOrWhiteSpace(o.Model), $"{KnowledgeEmbeddingOptions.SectionName}:Model is required for the openai provider.")
            .Validate(o => o.Endpoint is null || (Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)),
                $"{KnowledgeEmbeddingOptions.SectionName}:Endpoint must be an absolute http(s) URL.")
            .Validate(o => o.Dimensions is null or > 0, $"{KnowledgeEmbeddingOptions.SectionName}:Dimensions must be positive.")
            .Validate(o => o.BatchSize is >= 1 and <= 2048, $"{KnowledgeEmbeddingOptions.SectionName}:BatchSize must be between 1 and 2048.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => Create(sp.GetRequiredService<IOptions<KnowledgeEmbeddingOptions>>().Value, sp));
        return services;
    }

    private static KnowledgeEmbedder Create(KnowledgeEmbeddingOptions options, IServiceProvider services)
    {
        if (options.Provider == "embedded")
        {
            var embedded = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            var metadata = embedded.GetService<EmbeddingGeneratorMetadata>();
            var space = new VectorSpace($"embedded:{metadata?.DefaultModelId ?? "unknown"}", metadata?.DefaultModelDimensions ?? 0);
            return new KnowledgeEmbedder(embedded, space, options.BatchSize);
        }

        var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint ?? "https://api.openai.com/v1"),
            // Retries belong to the resilience pipeline, where the circuit breaker sees every attempt.
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)),
        });
        var pipeline = ProviderResilience.Build(new ProviderOptions
        {
            MaxRetries = Math.Max(0, options.MaxRetries),
            RetryBaseDelayMs = options.RetryBaseDelayMs,
            MaxRetryAfterSeconds = options.MaxRetryAfterSeconds,
        }, new CircuitBreakerStateProvider(), services.GetService<TimeProvider>() ?? TimeProvider.System);
        var generator = new ResilientEmbeddingGenerator(client.GetEmbeddingClient(options.Model).AsIEmbeddingGenerator(options.Dimensions), pipeline);
        var name = options.Dimensions is { } dimensions
            ? $"openai:{options.Model}@{dimensions.ToString(CultureInfo.InvariantCulture)}"
            : $"openai:{options.Model}";
        return new KnowledgeEmbedder(generator, new VectorSpace(name, options.Dimensions ?? 0), options.BatchSize);
    }
}
