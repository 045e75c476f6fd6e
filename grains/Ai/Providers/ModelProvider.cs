using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using OpenAI;
using Polly.CircuitBreaker;

namespace ChatSphere.Grains.Ai.Providers;

/// <summary>
/// One configured provider. Each set of credentials (the deployment's own, or a workspace's) gets its own
/// endpoint: an OpenAI SDK client with the SDK's retries off, a resilience pipeline, a circuit breaker and health.
/// </summary>
public sealed class ModelProvider
{
    private readonly ConcurrentDictionary<string, ProviderEndpoint> _endpoints = new(StringComparer.Ordinal);

    public ModelProvider(string name, ProviderType type, ProviderOptions options, TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        Name = name;
        Type = type;
        Options = options;
    }

    public string Name { get; }

    /// <summary>The clock of its endpoints' retries and health.</summary>
    public TimeProvider Time { get; }

    public ProviderType Type { get; }

    public ProviderOptions Options { get; }

    /// <summary>The endpoint for <paramref name="credential"/>, or the deployment's own when null.</summary>
    public ProviderEndpoint Endpoint(ProviderCredential? credential) =>
        credential is null
            ? _endpoints.GetOrAdd("", _ => new ProviderEndpoint(this, Options.ApiKey, Options.BaseUrl))
            : _endpoints.GetOrAdd(credential.Fingerprint(), _ => new ProviderEndpoint(this, credential.ApiKey, credential.BaseUrl ?? Options.BaseUrl));

    internal OpenAIClient CreateClient(string? apiKey, string? baseUrl)
    {
        var options = new OpenAIClientOptions
        {
            // Retries belong to the resilience pipeline, where the circuit breaker sees every attempt.
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = TimeSpan.FromSeconds(Math.Max(Options.FirstTokenTimeoutSeconds, Options.IdleTimeoutSeconds) + 5),
        };
        var key = new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "none" : apiKey);
        switch (Type)
        {
            case ProviderType.AzureOpenAi:
                options.Endpoint = new Uri(RequireBaseUrl(baseUrl).TrimEnd('/') + "/openai/v1/");
                // Azure's v1 API takes the key in an api-key header; this constructor is the SDK's way to say so (marked evaluation-only).
#pragma warning disable OPENAI001
                return new OpenAIClient(ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(key, "api-key"), options);
#pragma warning restore OPENAI001
            case ProviderType.OpenAiCompatible:
                options.Endpoint = new Uri(RequireBaseUrl(baseUrl));
                return new OpenAIClient(key, options);
            default:
                if (!string.IsNullOrWhiteSpace(baseUrl))
                {
                    options.Endpoint = new Uri(baseUrl);
                }

                return new OpenAIClient(key, options);
        }
    }

    private string RequireBaseUrl(string? baseUrl) =>
        string.IsNullOrWhiteSpace(baseUrl) ? throw new InvalidOperationException($"Provider '{Name}' needs a BaseUrl.") : baseUrl;
}

/// <summary>A provider reached with one set of credentials: its clients per model, pipeline and health.</summary>
public sealed class ProviderEndpoint
{
    private readonly ModelProvider _provider;
    private readonly OpenAIClient _client;
    private readonly Polly.ResiliencePipeline _pipeline;
    private readonly ConcurrentDictionary<string, IChatClient> _chat = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IEmbeddingGenerator<string, Embedding<float>>> _embeddings = new(StringComparer.Ordinal);

    internal ProviderEndpoint(ModelProvider provider, string? apiKey, string? baseUrl)
    {
        _provider = provider;
        _client = provider.CreateClient(apiKey, baseUrl);
        var breaker = new CircuitBreakerStateProvider();
        _pipeline = ProviderResilience.Build(provider.Options, breaker, provider.Time);
        Health = new ProviderHealth(breaker, provider.Time);
    }

    public ProviderHealth Health { get; }

    public IChatClient Chat(string model) => _chat.GetOrAdd(model, m => new ResilientChatClient(
        _client.GetChatClient(m).AsIChatClient(),
        _pipeline,
        Health,
        TimeSpan.FromSeconds(Math.Max(1, _provider.Options.FirstTokenTimeoutSeconds)),
        TimeSpan.FromSeconds(Math.Max(1, _provider.Options.IdleTimeoutSeconds))));

    public IEmbeddingGenerator<string, Embedding<float>> Embeddings(string model) =>
        _embeddings.GetOrAdd(model, m => _client.GetEmbeddingClient(m).AsIEmbeddingGenerator());
}
