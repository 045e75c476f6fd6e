using ChatSphere.Bench.Squad;

namespace ChatSphere.Bench.Tests;

public sealed class SquadScoreTests
{
    private static readonly SquadQuestion Question = new("q", "When?", ["1974", "March 1974"], "doc", 100, 200, [[150, 154]]);

    [Fact]
    public void The_first_chunk_overlapping_the_gold_paragraph_of_the_same_article_ranks_the_hit()
    {
        ArticleSpan?[] ranked = [new ArticleSpan("other", 100, 200), new ArticleSpan("doc", 0, 100), null, new ArticleSpan("doc", 190, 300)];

        Assert.Equal(4, SquadScore.FirstHit(ranked, Question));
    }

    [Fact]
    public void A_strict_hit_must_cover_an_answer_span_whole()
    {
        ArticleSpan?[] ranked = [new ArticleSpan("doc", 152, 300), new ArticleSpan("doc", 120, 160)];

        Assert.Equal(1, SquadScore.FirstHit(ranked, Question));
        Assert.Equal(2, SquadScore.FirstHit(ranked, Question, strict: true));
    }

    [Fact]
    public void A_reply_contains_a_gold_answer_regardless_of_case_punctuation_and_citation_markers()
    {
        Assert.True(SquadScore.ContainsGold("Prices rose by MARCH, 1974 [1].", Question with { Answers = ["March 1974"] }));
        Assert.False(SquadScore.ContainsGold("Prices rose by 19[1]74.", Question with { Answers = ["1974"] }));
    }
}
