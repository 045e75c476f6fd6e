using ChatSphere.Grains.Knowledge.Retrieval;

namespace ChatSphere.Grains.Tests.Retrieval;

public sealed class Bm25IndexTests
{
    private static Bm25Index IndexOf(params (string Id, string Text)[] documents)
    {
        var index = new Bm25Index();
        foreach (var (id, text) in documents)
        {
            index.Add(id, TextAnalyzer.Terms(text));
        }

        return index;
    }

    private static IReadOnlyList<string> Search(Bm25Index index, string query, int k = 10) =>
        index.Search(TextAnalyzer.Terms(query), k).Select(r => r.Id).ToArray();

    [Fact]
    public void A_rare_matching_word_outranks_a_common_one()
    {
        var index = IndexOf(
            ("refunds", "Refunds are paid back to the original card within five days."),
            ("shipping", "Shipping takes five days within the country."),
            ("returns", "Returns are accepted within thirty days of delivery."),
            ("hours", "Our support team answers within one day."));

        Assert.Equal("refunds", Search(index, "how many days until refunds are paid")[0]);
    }

    [Fact]
    public void Stemming_matches_other_forms_of_a_word()
    {
        var index = IndexOf(("a", "The city was populated by farmers."), ("b", "The river floods every spring."));

        Assert.Equal(["a"], Search(index, "What is the population?"));
    }

    [Fact]
    public void Words_in_other_scripts_are_indexed_whole_and_lower_cased()
    {
        var index = IndexOf(("de", "Die Rückgabe ist 30 Tage möglich."), ("el", "Η επιστροφή χρημάτων γίνεται σε πέντε ημέρες."));

        Assert.Equal(["de"], Search(index, "RÜCKGABE"));
        Assert.Equal(["el"], Search(index, "επιστροφή"));
    }

    [Fact]
    public void Removed_and_replaced_documents_leave_the_ranking()
    {
        var index = IndexOf(("a", "alpha beta"), ("b", "alpha gamma"), ("c", "delta"));

        Assert.True(index.Remove("a"));
        Assert.False(index.Remove("a"));
        index.Add("b", TextAnalyzer.Terms("delta epsilon"));

        Assert.Empty(Search(index, "alpha"));
        Assert.Equal(["b", "c"], Search(index, "delta").Order().ToArray());
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Compaction_after_many_removals_keeps_scores_and_ranking()
    {
        var index = new Bm25Index();
        for (var i = 0; i < 3000; i++)
        {
            index.Add($"doc{i}", TextAnalyzer.Terms($"common word{i % 50} filler{i}"));
        }

        var before = index.Search(TextAnalyzer.Terms("word7 filler2957"), 3);
        for (var i = 0; i < 2900; i++)
        {
            index.Remove($"doc{i}");
        }

        var fresh = new Bm25Index();
        for (var i = 2900; i < 3000; i++)
        {
            fresh.Add($"doc{i}", TextAnalyzer.Terms($"common word{i % 50} filler{i}"));
        }

        Assert.Equal("doc2957", before[0].Id);
        var after = index.Search(TextAnalyzer.Terms("word7 filler2957"), 5);
        var expected = fresh.Search(TextAnalyzer.Terms("word7 filler2957"), 5);
        Assert.Equal(expected.Select(r => r.Id), after.Select(r => r.Id));
        Assert.All(expected.Zip(after), pair => Assert.InRange(Math.Abs(pair.First.Score - pair.Second.Score), 0, 1e-4));
    }

    [Fact]
    public void Score_of_one_document_equals_its_search_score()
    {
        var index = IndexOf(("a", "solar panels convert sunlight"), ("b", "wind turbines convert wind"), ("c", "sunlight and wind"));
        var terms = TextAnalyzer.Terms("convert sunlight");

        foreach (var (id, score) in index.Search(terms, 3))
        {
            Assert.InRange(Math.Abs(score - index.Score(id, terms)), 0, 1e-4);
        }
    }

    [Fact]
    public void Scores_do_not_pick_up_what_a_pooled_array_held_before()
    {
        var index = IndexOf(("a", "alpha"), ("b", "beta"), ("c", "gamma"));
        // The pool hands this thread's last returned array of a size back first: leave one full of large values.
        var dirty = System.Buffers.ArrayPool<float>.Shared.Rent(index.Count);
        Array.Fill(dirty, 1000f);
        System.Buffers.ArrayPool<float>.Shared.Return(dirty);

        var results = index.Search(TextAnalyzer.Terms("beta"), 3);

        Assert.Equal("b", Assert.Single(results).Id);
        Assert.InRange(results[0].Score, 0.01, 10);
    }
}
