using System.Text.RegularExpressions;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ai;

namespace ChatSphere.Grains.Tests.Retrieval;

public sealed partial class GroundedAnswerComposerTests
{
    private static readonly GroundedAnswerSettings Settings = new() { MaxWords = 40, FallbackMessage = "I don't know that one." };

    private static KnowledgeHit Hit(string text, double score = 0.8, SourceType type = SourceType.Text, string title = "Doc", bool curated = false) =>
        new() { SourceId = $"src-{title}", Score = score, Title = title, Text = text, Type = type, Curated = curated };

    private static int Words(string reply) => MarkerOrWord().Matches(reply).Count(m => !m.Value.StartsWith('['));

    [Fact]
    public void The_reply_is_the_one_sentence_that_answers_with_its_citation()
    {
        var hits = new[]
        {
            Hit("The museum opened in 1952 on the river bank. It holds paintings from three centuries. Entry is free on Sundays.", title: "Museum"),
            Hit("The city has two rivers and a port.", title: "City"),
        };

        var reply = GroundedAnswerComposer.Compose("When did the museum open?", hits, Settings);

        Assert.Equal("The museum opened in 1952 on the river bank. [1]", reply.Text);
        Assert.Equal([1], reply.Citations);
        Assert.False(reply.IsFallback);
    }

    [Fact]
    public void A_sentence_from_a_lower_hit_is_cited_as_1_and_named_by_that_hits_position()
    {
        var hits = new[]
        {
            Hit("Our stores sell bicycles and helmets.", title: "Stores"),
            Hit("Helmets are replaced free of charge within two years of purchase.", title: "Warranty"),
        };

        var reply = GroundedAnswerComposer.Compose("How long are helmets replaced free of charge?", hits, Settings);

        Assert.EndsWith(" [1]", reply.Text, StringComparison.Ordinal);
        Assert.Contains("two years", reply.Text, StringComparison.Ordinal);
        Assert.Equal([2], reply.Citations);
    }

    [Fact]
    public void A_long_sentence_is_cut_to_the_budget_around_the_words_that_answer()
    {
        var filler = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"filler{i}"));
        var hits = new[] { Hit($"In the early years {filler} the observatory was founded by Maria Keller in the valley {filler} and nothing else happened.") };

        var reply = GroundedAnswerComposer.Compose("Who founded the observatory?", hits, Settings);

        Assert.True(Words(reply.Text) <= 40, reply.Text);
        Assert.Contains("observatory was founded by Maria Keller", reply.Text, StringComparison.Ordinal);
        Assert.EndsWith("[1]", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Weak_support_gives_the_fallback_without_citations()
    {
        var unrelated = GroundedAnswerComposer.Compose("What is the capital of Peru?", [Hit("Bananas are rich in potassium.")], Settings);
        var lowScore = GroundedAnswerComposer.Compose("When did the museum open?", [Hit("The museum opened in 1952.", score: 0.05)], Settings);
        var nothing = GroundedAnswerComposer.Compose("Anything?", [], Settings);

        Assert.All(new[] { unrelated, lowScore, nothing }, reply =>
        {
            Assert.True(reply.IsFallback);
            Assert.Equal("I don't know that one.", reply.Text);
            Assert.Empty(reply.Citations);
        });
    }

    [Fact]
    public void A_curated_answer_is_given_as_written()
    {
        var answer = "Yes, within 30 days and with the receipt. " + string.Join(' ', Enumerable.Repeat("Keep the box if you can.", 10));
        var hits = new[] { Hit(answer, score: 0.9, type: SourceType.Qa, curated: true), Hit("Returns are accepted.") };

        var reply = GroundedAnswerComposer.Compose("can i return things", hits, Settings);

        // Whole, though longer than the word budget: the bot's owner wrote it for this question.
        Assert.Equal(answer + " [1]", reply.Text);
        Assert.True(Words(reply.Text) > Settings.MaxWords);
        Assert.Equal([1], reply.Citations);
    }

    [Fact]
    public void A_qa_hit_that_retrieval_did_not_mark_curated_competes_like_any_passage()
    {
        var hits = new[] { Hit("Returns are accepted within 30 days. Keep the receipt. Gift cards cannot be returned.", score: 0.95, type: SourceType.Qa) };

        var reply = GroundedAnswerComposer.Compose("Can gift cards be returned?", hits, Settings);

        Assert.Equal("Gift cards cannot be returned. [1]", reply.Text);
    }

    [Fact]
    public void A_sentence_repeated_by_overlapping_chunks_competes_once()
    {
        var hits = new[]
        {
            Hit("Bikes can be rented at the station. The rental desk opens at nine.", title: "Rental"),
            Hit("The rental desk opens at nine. Helmets are included.", title: "Rental"),
        };

        var candidates = GroundedAnswerComposer.Candidates(hits, Settings);
        var reply = GroundedAnswerComposer.Compose("When does the rental desk open?", hits, Settings with { SecondSentenceMargin = 0.9 });

        Assert.Equal(["Bikes can be rented at the station.", "The rental desk opens at nine.", "Helmets are included."], candidates.Select(c => c.Text));
        Assert.Single(Regex.Matches(reply.Text, "opens at nine"));
    }

    [Fact]
    public void A_hit_under_the_competing_threshold_offers_no_sentence()
    {
        var hits = new[]
        {
            Hit("Parking is free for hotel guests.", title: "Parking"),
            Hit("Guests of the hotel may park free in the garage overnight.", score: 0.2, title: "Garage"),
        };

        var reply = GroundedAnswerComposer.Compose("Is parking free for hotel guests?", hits, Settings with { SecondSentenceMargin = 0.9, MinCompetingHitScore = 0.3 });

        Assert.Equal("Parking is free for hotel guests. [1]", reply.Text);
        Assert.Equal([1], reply.Citations);
    }

    [Fact]
    public void A_qa_answer_that_does_not_repeat_its_question_is_supported_by_the_pairs_own_score()
    {
        var hits = new[] { Hit("Every conversation runs as an Orleans grain. Add silos and conversations spread across them.", score: 0.55, type: SourceType.Qa) };

        var pair = GroundedAnswerComposer.Compose("tell me about scaling to many users", hits, Settings);
        var passage = GroundedAnswerComposer.Compose("tell me about scaling to many users", [hits[0] with { Type = SourceType.Text }], Settings);

        Assert.False(pair.IsFallback);
        Assert.Equal([1], pair.Citations);
        Assert.True(passage.IsFallback);
    }

    [Fact]
    public void A_first_hit_under_the_threshold_does_not_hide_a_later_one_above_it()
    {
        var hits = new[]
        {
            Hit("Replies stream word by word.", score: 0.28, title: "Streaming"),
            Hit("Yes. The embedded run works offline and needs no cloud service.", score: 0.33, title: "Offline"),
        };
        var bot = Settings with { MinHitScore = 0.3, MinCompetingHitScore = 0.3 };

        var reply = GroundedAnswerComposer.Compose("Does it work offline without a cloud service?", hits, bot);
        var nothing = GroundedAnswerComposer.Compose("Does it work offline without a cloud service?", hits, bot with { MinHitScore = 0.34 });

        Assert.Equal("The embedded run works offline and needs no cloud service. [1]", reply.Text);
        Assert.Equal([2], reply.Citations);
        Assert.True(nothing.IsFallback);
    }

    [Fact]
    public void The_heading_line_a_chunk_starts_with_never_competes()
    {
        var hits = new[] { Hit("Parking\n\nVisitors park for free in the garage.") with { Heading = "Shop > Parking" } };

        var candidates = GroundedAnswerComposer.Candidates(hits, Settings);

        Assert.Equal(["Visitors park for free in the garage."], candidates.Select(c => c.Text));
    }

    [Fact]
    public void Two_hits_are_cited_1_and_2_in_the_order_the_reply_uses_them()
    {
        var hits = new[]
        {
            Hit("Parking is free for hotel guests.", title: "Parking"),
            Hit("Guests of the hotel may park free in the garage overnight.", title: "Garage"),
        };

        var reply = GroundedAnswerComposer.Compose("Is parking free for hotel guests?", hits, Settings with { SecondSentenceMargin = 0.9 });

        Assert.Equal("Parking is free for hotel guests. [1] Guests of the hotel may park free in the garage overnight. [2]", reply.Text);
        Assert.Equal([1, 2], reply.Citations);
    }

    [Fact]
    public void Two_equally_supported_sentences_both_go_in_when_they_fit()
    {
        var hits = new[] { Hit("Parking is free for guests. The hotel has parking for guests in the garage. Breakfast starts at seven.") };

        var reply = GroundedAnswerComposer.Compose("Is there parking for guests?", hits, Settings with { SecondSentenceMargin = 0.5 });
        var single = GroundedAnswerComposer.Compose("Is there parking for guests?", hits, Settings with { SecondSentenceMargin = 0 });

        Assert.Equal("Parking is free for guests. The hotel has parking for guests in the garage. [1]", reply.Text);
        Assert.Equal("Parking is free for guests. [1]", single.Text);
    }

    [Fact]
    public async Task With_embeddings_the_reply_stays_within_budget_and_cites_its_hit()
    {
        var hits = new[]
        {
            Hit("The bridge was designed by an engineering firm from Leeds. Construction took four years and ended in 1890. It carries a railway over the estuary.", title: "Bridge"),
        };

        var reply = await GroundedAnswerComposer.ComposeAsync("In what year was the construction finished?", hits, Settings, new MiniLmEmbeddingGenerator());

        Assert.Equal("Construction took four years and ended in 1890. [1]", reply.Text);
        Assert.True(Words(reply.Text) <= 40);
    }

    [GeneratedRegex(@"\[\d+\]|\S+")]
    private static partial Regex MarkerOrWord();
}
