using ChatSphere.Grains.Knowledge.Vectors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Tests.Retrieval;

public sealed class VectorStoreRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddChatSphereVectorStore(configuration).BuildServiceProvider();
    }

    [Fact]
    public async Task The_embedded_store_is_the_default_and_saves_under_the_data_folder()
    {
        using var folder = new TempFolder();
        await using (var services = Build(new() { ["ChatSphere:DataPath"] = folder.Path }))
        {
            var store = services.GetRequiredService<IVectorStore>();
            Assert.Same(services.GetRequiredService<EmbeddedVectorStore>(), store);
            await store.UpsertAsync("bot", [new VectorRecord("1", TestVectors.Axis(4, 0), "s")]);
        }

        Assert.True(File.Exists(Path.Combine(folder.Path, "vectors", "bot", "manifest.bin")));
    }

    [Fact]
    public async Task Pinecone_is_chosen_by_configuration_and_needs_its_host_and_key()
    {
        await using var server = new LoopbackPinecone();
        await using var services = Build(new()
        {
            ["ChatSphere:Vectors:Provider"] = "pinecone",
            ["ChatSphere:Vectors:Pinecone:IndexHost"] = server.Host.ToString(),
            ["ChatSphere:Vectors:Pinecone:ApiKey"] = LoopbackPinecone.ApiKey,
        });

        var store = services.GetRequiredService<IVectorStore>();
        await store.UpsertAsync("bot", [new VectorRecord("1", TestVectors.Axis(4, 0), "s")]);

        Assert.IsType<PineconeVectorStore>(store);
        Assert.Equal(1, (await store.GetStatsAsync("bot")).Count);
        Assert.Throws<InvalidOperationException>(() => Build(new() { ["ChatSphere:Vectors:Provider"] = "pinecone" }));
        Assert.Throws<InvalidOperationException>(() => Build(new() { ["ChatSphere:Vectors:Provider"] = "faiss" }));
    }
}
