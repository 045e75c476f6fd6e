using ChatSphere.Grains.Ai;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Tests.Ai;

/// <summary>The catalogue as the silo builds it: from configuration through <see cref="AiServiceCollectionExtensions.AddChatSphereAi"/>.</summary>
public sealed class ChatModelCatalogTests
{
    [Fact]
    public void By_default_only_the_embedded_model_is_offered()
    {
        using var services = Build([]);
        var catalog = services.GetRequiredService<IChatModelCatalog>();

        Assert.Equal(["embedded"], catalog.Models.Where(m => m.Kind == ModelKind.Chat).Select(m => m.Id));
        Assert.Equal(["all-MiniLM-L6-v2"], catalog.Models.Where(m => m.Kind == ModelKind.Embeddings).Select(m => m.Id));
        Assert.Equal("chatsphere-embedded", catalog.Models[0].Provider);
        Assert.True(catalog.Contains("embedded"));
        Assert.False(catalog.Contains("instant"));
        Assert.IsType<EmbeddedAnswerer>(catalog.Get("embedded"));
        Assert.Throws<KeyNotFoundException>(() => catalog.Get("instant"));
    }

    [Fact]
    public void The_instant_model_is_offered_when_enabled_with_its_token_count()
    {
        using var services = Build(new()
        {
            ["ChatSphere:Ai:InstantModel:Enabled"] = "true",
            ["ChatSphere:Ai:InstantModel:TokenCount"] = "12",
        });
        var catalog = services.GetRequiredService<IChatModelCatalog>();

        Assert.Equal(["embedded", "instant"], catalog.Models.Where(m => m.Kind == ModelKind.Chat).Select(m => m.Id));
        var instant = Assert.IsType<InstantChatClient>(catalog.Get("instant"));
        Assert.Equal(12, instant.TokenCount);
    }

    [Fact]
    public void The_instant_model_defaults_to_fifty_tokens()
    {
        using var services = Build(new() { ["ChatSphere:Ai:InstantModel:Enabled"] = "true" });

        Assert.Equal(50, Assert.IsType<InstantChatClient>(services.GetRequiredService<IChatModelCatalog>().Get("instant")).TokenCount);
    }

    [Fact]
    public void A_token_count_out_of_range_is_refused()
    {
        using var services = Build(new()
        {
            ["ChatSphere:Ai:InstantModel:Enabled"] = "true",
            ["ChatSphere:Ai:InstantModel:TokenCount"] = "0",
        });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IChatModelCatalog>());
    }

    [Fact]
    public void The_embedding_generator_is_the_offline_model_and_one_instance()
    {
        using var services = Build([]);

        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.IsType<MiniLmEmbeddingGenerator>(generator);
        Assert.Same(generator, services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddChatSphereAi(configuration).BuildServiceProvider();
    }
}
