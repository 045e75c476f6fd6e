using ChatSphere.Bench.Squad;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Bench.Tests;

public sealed class SquadAnswersTests
{
    private static readonly SquadQuestion Question = new("q", "When?", ["1974"], "doc", 100, 200);

    private static SquadRetrieval Retrieval(int firstHit) =>
        new(Question, [new KnowledgeHit { SourceId = "s", Score = 0.5, Title = "t", Text = "x" }], null, firstHit, firstHit);

    [Fact]
    public void Replies_are_scored_against_their_own_question_and_fallbacks_counted_as_given()
    {
        SquadRetrieval[] retrievals = [Retrieval(1), Retrieval(2), Retrieval(0)];
        SquadReply[] replies =
        [
            new("It opened in 1974. [1]", IsFallback: false),
            new("It opened in the seventies. [1] It closed later. [2]", IsFallback: false),
            new("Sorry, I don't know the answer to that yet.", IsFallback: true),
        ];

        var result = SquadAnswers.Score("tune", retrievals, replies);

        Assert.Equal(1.0 / 3, result.AnswerContainsGold, 6);
        Assert.Equal(1, result.Fallbacks);
        Assert.Equal(9, result.LongestAnswerWords);
        Assert.Equal((4 + 8 + 9) / 3.0, result.AnswerWordsMean, 6);
        Assert.Equal((1 + 0.5 + 0) / 3, result.Mrr, 6);
    }

    [Fact]
    public void Replies_must_match_the_questions_one_to_one()
    {
        Assert.Throws<ArgumentException>(() => SquadAnswers.Score("tune", [Retrieval(1)], []));
    }

    [Fact]
    public void Citation_markers_are_not_words()
    {
        Assert.Equal(3, SquadAnswers.WordCount("One two [1] three. [12]"));
    }
}
