using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Knowledge.Embeddings;
using ChatSphere.Grains.Tests.Ai.FakeOpenAi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Tests.Knowledge.Vectors;

/// <summary>The knowledge embedder built from configuration, against the fake OpenAI server over HTTP.</summary>
public sealed class KnowledgeEmbedderTests(FakeOpenAiFixture openAi) : IClassFixture<FakeOpenAiFixture>
{
    [Fact]
    public async Task Texts_go_in_batches_and_a_rate_limited_request_is_retried()
    {
        await using var services = Build(OpenAiEmbeddingSettings.For(openAi.Server, Scenarios.EmbeddingsRateLimitedOnce));
        var embedder = services.GetRequiredService<KnowledgeEmbedder>();

        var vectors = await embedder.EmbedAsync(["red apples", "green pears", "red apples and pears"]);

        Assert.Equal(OpenAiEmbeddingSettings.SpaceOf(Scenarios.EmbeddingsRateLimitedOnce), embedder.Space.Model);
        Assert.Equal(3, vectors.Count);
        Assert.All(vectors, v => Assert.Equal(OpenAiEmbeddingSettings.Dimensions, v.Length));
        // The first batch was refused once (429) and sent again, then the second batch: three requests.
        var requests = openAi.Server.Requests(Scenarios.EmbeddingsRateLimitedOnce);
        Assert.Equal([2, 2, 1], requests.Select(r => r["input"]!.AsArray().Count));
        Assert.Equal(HashedWords.Embed("red apples", OpenAiEmbeddingSettings.Dimensions), vectors[0]);
    }

    [Fact]
    public void The_embedded_model_is_the_default_and_names_its_space()
    {
        using var services = Build([]);

        var embedder = services.GetRequiredService<KnowledgeEmbedder>();

        Assert.Equal(new ChatSphere.Grains.Knowledge.Vectors.VectorSpace("embedded:all-MiniLM-L6-v2", 384), embedder.Space);
    }

    [Fact]
    public void An_openai_provider_without_a_model_is_refused_at_start()
    {
        using var services = Build(new Dictionary<string, string?> { ["ChatSphere:Knowledge:Embeddings:Provider"] = "openai" });

        var refused = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => services.GetRequiredService<KnowledgeEmbedder>());

        Assert.Contains("Model is required", refused.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMetrics().AddChatSphereAi(configuration).AddChatSphereKnowledgeEmbeddings(configuration).BuildServiceProvider();
    }
}
