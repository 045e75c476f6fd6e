using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Knowledge.Vectors;
using ChatSphere.Grains.Storage;
using ChatSphere.Grains.Tests.Ai.FakeOpenAi;
using ChatSphere.Grains.Tests.Knowledge.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace ChatSphere.Grains.Tests.Knowledge.Vectors;

public sealed class FakeOpenAiFixture : IAsyncLifetime
{
    public FakeOpenAiServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Knowledge embedded by an OpenAI-compatible endpoint (the fake server, over real HTTP), end to end through ingestion.</summary>
public sealed class OpenAiEmbeddingsTests(FakeOpenAiFixture openAi) : IClassFixture<FakeOpenAiFixture>
{
    private const string Catalogue = """
        # Blender B-200

        The blender carries a warranty of three years covering the motor and the glass jug.

        # Kettle K-15

        The kettle boils a litre of water in ninety seconds and switches off by itself.

        # Toaster T-8

        The toaster has eight browning levels and a crumb tray that slides out for cleaning.
        """;

    [Fact]
    public async Task A_text_source_is_embedded_in_batches_by_the_configured_model_and_its_chunks_are_found()
    {
        using var data = new TestSqlite();
        await using var cluster = await ClusterFixture.StartClusterAsync(data.Folder, OpenAiEmbeddingSettings.For(openAi.Server, Scenarios.HashedWords));
        var botId = Ids.New("bot");
        var knowledge = cluster.Client.GetGrain<IKnowledgeGrain>(botId);

        var source = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Text, Title = "Catalogue", Text = Catalogue });
        var settled = await knowledge.SettledAsync(source.Id);

        Assert.Equal(SourceStatus.Indexed, settled.Status);
        Assert.True(settled.Chunks >= 3, $"{settled.Chunks} chunks");
        var requests = openAi.Server.Requests(Scenarios.HashedWords);
        Assert.All(requests, r => Assert.Equal(OpenAiEmbeddingSettings.Dimensions, r["dimensions"]!.GetValue<int>()));
        Assert.All(requests, r => Assert.InRange(r["input"]!.AsArray().Count, 1, OpenAiEmbeddingSettings.BatchSize));
        Assert.Contains(requests, r => r["input"]!.AsArray().Count == OpenAiEmbeddingSettings.BatchSize);
        var hits = await knowledge.SearchAsync("How many years of warranty does the blender have?", 3);
        Assert.Contains("warranty of three years", hits[0].Text, StringComparison.Ordinal);
        var services = cluster.Silos[0].ServiceProvider;
        await foreach (var chunk in services.GetRequiredService<ChunkStore>().ReadTextsAsync(botId))
        {
            Assert.Equal(OpenAiEmbeddingSettings.SpaceOf(Scenarios.HashedWords), chunk.EmbeddingModel);
        }

        Assert.Equal(new VectorStoreStats(settled.Chunks, OpenAiEmbeddingSettings.Dimensions), await services.GetRequiredService<IVectorStore>().GetStatsAsync(botId));
    }

    [Fact]
    public async Task A_failing_endpoint_fails_the_source_with_the_endpoints_answer()
    {
        var failed = await IngestWithAsync(Scenarios.EmbeddingsServerError);

        Assert.Equal(SourceStatus.Failed, failed.Status);
        Assert.StartsWith($"Embedding with {OpenAiEmbeddingSettings.SpaceOf(Scenarios.EmbeddingsServerError)} failed:", failed.Error, StringComparison.Ordinal);
        Assert.Contains("500", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, failed.Chunks);
    }

    [Fact]
    public async Task A_qa_pair_added_while_the_endpoint_fails_is_refused_as_unavailable_and_nothing_is_stored()
    {
        using var data = new TestSqlite();
        await using var cluster = await ClusterFixture.StartClusterAsync(data.Folder, OpenAiEmbeddingSettings.For(openAi.Server, Scenarios.EmbeddingsServerError));
        var knowledge = cluster.Client.GetGrain<IKnowledgeGrain>(Ids.New("bot"));

        var refused = await Assert.ThrowsAsync<ServiceUnavailableException>(() =>
            knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = "Do you ship abroad?", Answer = "Yes, to 40 countries." }));

        Assert.Contains("500", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test", refused.Message, StringComparison.Ordinal);
        Assert.Empty((await knowledge.ListSourcesAsync(null, 10)).Items);
    }

    [Fact]
    public async Task Vectors_of_other_dimensions_than_configured_fail_the_source_saying_so()
    {
        var failed = await IngestWithAsync(Scenarios.WrongDimensions);

        Assert.Equal(SourceStatus.Failed, failed.Status);
        Assert.Contains(
            $"returned 7-dimensional vectors, but ChatSphere:Knowledge:Embeddings:Dimensions is {OpenAiEmbeddingSettings.Dimensions}",
            failed.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_change_embeds_the_stored_chunks_again_and_the_namespace_holds_only_the_new_models_vectors()
    {
        using var data = new TestSqlite();
        var botId = Ids.New("bot");
        var sources = new List<KnowledgeSource>();
        var first = await ClusterFixture.StartClusterAsync(data.Folder);
        await using (first)
        {
            var knowledge = first.Client.GetGrain<IKnowledgeGrain>(botId);
            sources.Add(await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Text, Title = "Catalogue", Text = Catalogue }));
            Assert.Equal(SourceStatus.Indexed, (await knowledge.SettledAsync(sources[0].Id)).Status);
            foreach (var (question, answer) in SampleFaq.Pairs.Take(3))
            {
                sources.Add(await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = question, Answer = answer }));
            }

            await first.StopAllSilosAsync();
        }

        var model = Scenarios.HashedWords;
        await using var second = await ClusterFixture.StartClusterAsync(data.Folder, OpenAiEmbeddingSettings.For(openAi.Server, model));
        var services = second.Silos[0].ServiceProvider;
        var again = second.Client.GetGrain<IKnowledgeGrain>(botId);
        var total = await again.CountIndexedAsync();

        await WaitUntilAsync(async () => await services.GetRequiredService<ChunkStore>().CountOtherModelAsync(botId, OpenAiEmbeddingSettings.SpaceOf(model)) == 0);
        await WaitUntilAsync(async () => (await services.GetRequiredService<IVectorStore>().GetStatsAsync(botId)).Count == total);

        Assert.Equal(OpenAiEmbeddingSettings.Dimensions, (await services.GetRequiredService<IVectorStore>().GetStatsAsync(botId)).Dimensions);
        // A Q&A pair is embedded again by its question, as when it was added.
        Assert.Contains(openAi.Server.Requests(model), r => r["input"]!.AsArray().Any(t => t!.GetValue<string>() == SampleFaq.Pairs[1].Question));
        Assert.Equal(sources[2].Id, (await again.SearchAsync(SampleFaq.Pairs[1].Question, 1))[0].SourceId);
        Assert.Contains("warranty of three years", (await again.SearchAsync("blender warranty years", 1))[0].Text, StringComparison.Ordinal);
    }

    private async Task<KnowledgeSource> IngestWithAsync(string model)
    {
        using var data = new TestSqlite();
        await using var cluster = await ClusterFixture.StartClusterAsync(data.Folder, OpenAiEmbeddingSettings.For(openAi.Server, model));
        var knowledge = cluster.Client.GetGrain<IKnowledgeGrain>(Ids.New("bot"));
        var source = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Text, Title = "Catalogue", Text = Catalogue });
        return await knowledge.SettledAsync(source.Id);
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) =>
        Eventually.HoldsAsync(condition, "the embeddings endpoint to be asked again", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));
}
