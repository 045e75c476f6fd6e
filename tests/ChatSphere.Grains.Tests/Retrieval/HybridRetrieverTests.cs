using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Knowledge.Retrieval;
using ChatSphere.Grains.Knowledge.Vectors;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatSphere.Grains.Tests.Retrieval;

/// <summary>
/// The retriever over a real embedded vector store, with hand-made vectors so the keyword and vector sides can be
/// told apart: each chunk's vector is an axis (its "topic"), queries point at topics.
/// </summary>
public sealed class HybridRetrieverTests : IDisposable
{
    private const int Dimensions = 16;
    private readonly TempFolder _folder = new();
    private readonly EmbeddedVectorStore _store;
    private readonly HybridRetriever _retriever;

    public HybridRetrieverTests()
    {
        _store = new EmbeddedVectorStore(new EmbeddedVectorStoreOptions { Folder = _folder.Path }, NullLogger<EmbeddedVectorStore>.Instance);
        _retriever = new HybridRetriever(_store, "bot");
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    private static RetrievalChunk Chunk(string id, string text, float[] vector, string source = "s1", SourceType type = SourceType.Text, string? question = null) => new()
    {
        Id = id,
        SourceId = source,
        Title = $"Title {id}",
        HeadingPath = "Section",
        Url = $"https://example.test/{id}",
        Text = text,
        Type = type,
        Question = question,
        Embedding = vector,
    };

    [Fact]
    public async Task Fusion_finds_chunks_from_either_side_and_ranks_the_one_both_agree_on_first()
    {
        await _retriever.IndexAsync([
            Chunk("both", "Refunds are paid to the original card.", TestVectors.Axis(Dimensions, 0)),
            Chunk("words", "Refunds policy overview and refunds history.", TestVectors.Axis(Dimensions, 5)),
            Chunk("meaning", "Money goes back to your payment method.", TestVectors.Mix(Dimensions, (0, 1), (1, 0.3))),
            Chunk("neither", "Our office is in Berlin.", TestVectors.Axis(Dimensions, 9)),
        ]);

        foreach (var fusion in new[] { FusionMethod.Weighted, FusionMethod.ReciprocalRank })
        {
            var hits = await _retriever.SearchAsync("refunds card", TestVectors.Axis(Dimensions, 0), new RetrievalOptions { TopK = 4, Fusion = fusion });
            var ids = hits.Select(h => h.Chunk.Id).ToArray();

            Assert.Equal("both", ids[0]);
            Assert.Contains("words", ids);
            Assert.Contains("meaning", ids);
        }

        var keywordsOnly = await _retriever.SearchAsync("refunds card", null, new RetrievalOptions { TopK = 4 });
        Assert.DoesNotContain(keywordsOnly, h => h.Chunk.Id == "meaning");
    }

    [Fact]
    public async Task Hits_carry_what_a_citation_needs()
    {
        await _retriever.IndexAsync([Chunk("c1", "Shipping takes three days.", TestVectors.Axis(Dimensions, 0), source: "src-7")]);

        var hit = (await _retriever.SearchAsync("shipping days", TestVectors.Axis(Dimensions, 0), new RetrievalOptions())).Single();
        var knowledge = hit.ToKnowledgeHit();

        Assert.Equal(("src-7", "Title c1 › Section", "https://example.test/c1", "Shipping takes three days."), (knowledge.SourceId, knowledge.Title, knowledge.Url, knowledge.Text));
        Assert.InRange(hit.Score, 0.99, 1.0);
        Assert.Equal(hit.Score, knowledge.Score);
        Assert.Equal(1, hit.Similarity!.Value, 4);
    }

    [Fact]
    public async Task The_threshold_drops_weak_hits()
    {
        await _retriever.IndexAsync([
            Chunk("strong", "Opening hours are nine to five.", TestVectors.Axis(Dimensions, 0)),
            Chunk("weak", "Hours of parking are limited.", TestVectors.Axis(Dimensions, 3)),
        ]);

        var all = await _retriever.SearchAsync("opening hours", TestVectors.Axis(Dimensions, 0), new RetrievalOptions { TopK = 5 });
        var kept = await _retriever.SearchAsync("opening hours", TestVectors.Axis(Dimensions, 0), new RetrievalOptions { TopK = 5, MinScore = 0.6 });

        Assert.Equal(["strong", "weak"], all.Select(h => h.Chunk.Id));
        Assert.True(all[1].Score < 0.6);
        Assert.Equal(["strong"], kept.Select(h => h.Chunk.Id));
    }

    [Fact]
    public async Task Mmr_trades_a_near_duplicate_for_a_different_chunk()
    {
        await _retriever.IndexAsync([
            Chunk("a", "Battery life is ten hours of video playback.", TestVectors.Axis(Dimensions, 0)),
            Chunk("a-copy", "Battery life is ten hours of video playback time.", TestVectors.Mix(Dimensions, (0, 1), (1, 0.05))),
            Chunk("b", "Battery charging takes two hours.", TestVectors.Mix(Dimensions, (0, 0.6), (2, 1))),
        ]);
        var query = TestVectors.Mix(Dimensions, (0, 1), (2, 0.2));

        var plain = await _retriever.SearchAsync("battery life hours", query, new RetrievalOptions { TopK = 2 });
        var diverse = await _retriever.SearchAsync("battery life hours", query, new RetrievalOptions { TopK = 2, MmrLambda = 0.5 });

        Assert.Equal(["a", "a-copy"], plain.Select(h => h.Chunk.Id).Order());
        Assert.Equal(["a", "b"], diverse.Select(h => h.Chunk.Id).Order());
    }

    [Fact]
    public async Task A_closely_matching_question_wins_as_a_curated_answer()
    {
        await _retriever.IndexAsync([
            Chunk("doc", "Returns of goods are accepted within thirty days; returns need a receipt for returns.", TestVectors.Mix(Dimensions, (0, 1), (1, 0.2))),
            Chunk("qa", "Within 30 days, with the receipt.", TestVectors.Axis(Dimensions, 1), source: "qa-1", type: SourceType.Qa, question: "Can I return an item?"),
        ]);

        var close = await _retriever.SearchAsync("returns accepted", TestVectors.Mix(Dimensions, (1, 1), (0, 0.3)), new RetrievalOptions());
        var far = await _retriever.SearchAsync("returns accepted", TestVectors.Mix(Dimensions, (0, 1), (1, 0.3)), new RetrievalOptions());

        Assert.True(close[0].Curated);
        Assert.Equal("qa", close[0].Chunk.Id);
        Assert.True(close[0].Score >= new RetrievalOptions().CuratedMinSimilarity, $"A curated hit scored {close[0].Score}.");
        Assert.Equal("Can I return an item?", close[0].ToKnowledgeHit().Question);
        Assert.Equal(SourceType.Qa, close[0].ToKnowledgeHit().Type);
        Assert.DoesNotContain(far, h => h.Curated);
        Assert.Equal("doc", far[0].Chunk.Id);
    }

    [Fact]
    public async Task Removing_a_source_removes_its_chunks_from_both_sides()
    {
        await _retriever.IndexAsync([
            Chunk("1", "Warranty lasts two years.", TestVectors.Axis(Dimensions, 0), source: "old"),
            Chunk("2", "Warranty claims go through the form.", TestVectors.Axis(Dimensions, 1), source: "new"),
        ]);

        await _retriever.RemoveSourceAsync("old");
        var hits = await _retriever.SearchAsync("warranty", TestVectors.Axis(Dimensions, 0), new RetrievalOptions());

        Assert.Equal(["2"], hits.Select(h => h.Chunk.Id));
        Assert.Equal(1, (await _store.GetStatsAsync("bot")).Count);
        Assert.Equal(1, _retriever.Count);
    }
}
