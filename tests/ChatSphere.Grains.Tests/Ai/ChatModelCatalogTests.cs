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

    [Theory]
    [InlineData("openai-compatible", null)]
    [InlineData("azure-openai", "not a url")]
    [InlineData("openai-compatible", "ftp://models.example/v1")]
    [InlineData("anthropic", "https://models.example/v1")]
    public void A_provider_without_a_usable_type_or_base_url_is_refused(string type, string? baseUrl)
    {
        using var services = Build(new()
        {
            ["ChatSphere:Ai:Providers:p:Type"] = type,
            ["ChatSphere:Ai:Providers:p:BaseUrl"] = baseUrl,
            ["ChatSphere:Ai:Providers:p:Models:0:Name"] = "m",
        });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IChatModelCatalog>());
    }

    [Fact]
    public void Provider_models_are_listed_by_provider_and_name_with_their_limits()
    {
        using var services = Build(new()
        {
            ["ChatSphere:Ai:Providers:local:Type"] = "openai-compatible",
            ["ChatSphere:Ai:Providers:local:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["ChatSphere:Ai:Providers:local:Models:0:Name"] = "llama3.1",
            ["ChatSphere:Ai:Providers:local:Models:0:ContextTokens"] = "32768",
            ["ChatSphere:Ai:Providers:local:Models:1:Name"] = "nomic-embed",
            ["ChatSphere:Ai:Providers:local:Models:1:Embeddings"] = "true",
        });
        var catalog = services.GetRequiredService<IChatModelCatalog>();

        var chat = catalog.Find("local/llama3.1");
        Assert.NotNull(chat);
        Assert.Equal((ModelKind.Chat, 32768, "local", "llama3.1"), (chat.Kind, chat.ContextTokens, chat.Provider, chat.ProviderModel));
        Assert.True(catalog.Contains("local/llama3.1"));
        Assert.False(catalog.Contains("local/nomic-embed"));
        Assert.Equal(ModelKind.Embeddings, catalog.Find("local/nomic-embed")!.Kind);
        Assert.Equal(["local"], catalog.ProviderNames);
        Assert.Equal(Grains.Ai.Providers.ModelHealthStatus.Unknown, catalog.Health("local/llama3.1").Status);
        Assert.Equal(Grains.Ai.Providers.ModelHealthStatus.Healthy, catalog.Health("embedded").Status);
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
