using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Knowledge.Vectors;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Tests.Knowledge.Vectors;

/// <summary>
/// A page embedded by another model than the knowledge grain's (an ingestion that ran on a silo configured otherwise)
/// is stored, kept out of the vector store, and embedded again from its text.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ForeignModelChunkTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Chunks_of_another_model_are_embedded_again_before_their_vectors_are_indexed()
    {
        var botId = Ids.New("bot");
        var knowledge = fixture.Grains.GetGrain<IKnowledgeGrain>(botId);
        var pair = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = "Where can I park?", Answer = "Behind the station." });
        var update = new PageUpdate
        {
            Page = new IngestedPage { PageKey = "extra", Title = "Parking", ContentHash = "h", Characters = 40, ChunkCount = 1, FetchedAt = DateTimeOffset.UtcNow },
            Added =
            [
                new NewChunk
                {
                    ChunkId = "chk_" + Ids.New("x"), Title = "Parking", Text = "Bicycles are parked in the basement garage.",
                    ContentHash = "c", Embedding = [0.6f, 0.8f, 0], EmbeddingModel = "other:three-dimensions",
                },
            ],
        };

        Assert.True(await fixture.Grains.GetGrain<IKnowledgeIngestion>(botId).ApplyPageAsync(pair.Id, update));

        var chunks = fixture.SiloServices.GetRequiredService<ChunkStore>();
        var vectors = fixture.SiloServices.GetRequiredService<IVectorStore>();
        await Eventually.HoldsAsync(
            async () => await chunks.CountOtherModelAsync(botId, "embedded:all-MiniLM-L6-v2") == 0 && (await vectors.GetStatsAsync(botId)).Count >= 2,
            "the other model's chunk embedded again",
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(50));

        Assert.Equal(new VectorStoreStats(2, 384), await vectors.GetStatsAsync(botId));
        var hits = await knowledge.SearchAsync("Where do bikes go?", 2);
        Assert.Contains(hits, h => h.Text == "Bicycles are parked in the basement garage.");
    }
}
