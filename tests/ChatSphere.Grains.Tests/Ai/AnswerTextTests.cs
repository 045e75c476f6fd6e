using ChatSphere.Grains.Ai;

namespace ChatSphere.Grains.Tests.Ai;

public sealed class AnswerTextTests
{
    [Fact]
    public void A_text_within_the_budget_is_kept_whole()
    {
        Assert.Equal("One two three.", AnswerText.Trim("  One two three.  ", 3));
        Assert.Equal("One two three four.", AnswerText.Trim("One two three four.", 0));
    }

    [Fact]
    public void A_long_text_is_cut_after_the_last_whole_sentence_in_the_budget()
    {
        var text = "First sentence here. Second one is a bit longer! Third sentence never fits in the budget at all.";

        var trimmed = AnswerText.Trim(text, 10);

        Assert.Equal("First sentence here. Second one is a bit longer!", trimmed);
    }

    [Fact]
    public void Without_a_sentence_end_in_reach_the_cut_falls_at_the_word_limit_with_an_ellipsis()
    {
        var text = "Short. Then a very long sentence that goes on and on without any full stop for many words";

        var trimmed = AnswerText.Trim(text, 8);

        Assert.Equal("Short. Then a very long sentence that goes…", trimmed);
        Assert.Equal(8, trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Closing_quotes_and_brackets_after_a_full_stop_still_end_a_sentence()
    {
        var trimmed = AnswerText.Trim("He said \"go now.\" Then we went home and slept until noon.", 5);

        Assert.Equal("He said \"go now.\"", trimmed);
    }

    [Fact]
    public void Pieces_are_one_per_word_and_concatenate_to_the_text()
    {
        const string text = "Hello  there,\nworld! ";

        var pieces = AnswerText.Pieces(text).ToArray();

        Assert.Equal(["Hello  ", "there,\n", "world! "], pieces);
        Assert.Equal(text, string.Concat(pieces));
        Assert.Equal(" lead", string.Concat(AnswerText.Pieces(" lead")));
        Assert.Empty(AnswerText.Pieces(""));
    }
}
