using System.Text.RegularExpressions;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ai;
using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Tests.Ai;

public sealed partial class EmbeddedAnswererTests
{
    private const string Fallback = "Sorry, I don't know that yet.";
    private const string Question = "How do I reset my password?";

    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, Question)];

    private readonly EmbeddedAnswerer _answerer = new(new MiniLmEmbeddingGenerator());

    [Fact]
    public async Task It_streams_the_best_supported_sentence_word_by_word_with_its_citation()
    {
        var options = Grounded(0.3, 40,
            Hit("src_a", 0.62, "Our app runs on phones and tablets. To reset your password, open Settings and choose 'Forgot password'. Prices start at five euros."),
            Hit("src_b", 0.41, "The office is closed on public holidays."));

        var updates = await Stream(options);
        var response = await _answerer.GetResponseAsync(Prompt, options);

        Assert.Equal("To reset your password, open Settings and choose 'Forgot password'. [1]", response.Text);
        Assert.Equal(response.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(11, updates.Count);
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.All(updates, u => Assert.Equal(EmbeddedAnswerer.ModelId, u.ModelId));
        Assert.Single(updates.Select(u => u.MessageId).Distinct());
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.All(updates.SkipLast(1), u => Assert.Null(u.AdditionalProperties));
        Assert.Equal([1], Cited(updates[^1].AdditionalProperties));
        Assert.Equal([1], Cited(response.AdditionalProperties));
    }

    [Fact]
    public async Task A_sentence_from_the_second_hit_is_marked_1_and_names_hit_2()
    {
        var options = Grounded(0.3, 40,
            Hit("src_a", 0.52, "Accounts can be shared with family members."),
            Hit("src_b", 0.50, "You reset your password from the sign-in page with the 'Forgot password' link."));

        var response = await _answerer.GetResponseAsync(Prompt, options);

        Assert.Equal("You reset your password from the sign-in page with the 'Forgot password' link. [1]", response.Text);
        Assert.Equal([2], Cited(response.AdditionalProperties));
    }

    [Fact]
    public async Task Below_the_bots_threshold_it_gives_the_fallback_without_citations()
    {
        var options = Grounded(0.55, 40, Hit("src_a", 0.549, "To reset your password, choose 'Forgot password'."));

        var updates = await Stream(options);
        var response = await _answerer.GetResponseAsync(Prompt, options);

        Assert.Equal(Fallback, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(Fallback, response.Text);
        Assert.All(updates, u => Assert.Null(u.AdditionalProperties));
        Assert.Null(response.AdditionalProperties);
    }

    [Fact]
    public async Task Knowledge_that_says_nothing_about_the_question_gives_the_fallback()
    {
        var options = Grounded(0.3, 40, Hit("src_a", 0.8, "Bananas are rich in potassium. They grow in warm climates."));

        var response = await _answerer.GetResponseAsync(Prompt, options);

        Assert.Equal(Fallback, response.Text);
        Assert.Null(response.AdditionalProperties);
    }

    [Fact]
    public async Task Without_hits_it_gives_the_fallback()
    {
        var response = await _answerer.GetResponseAsync(Prompt, Grounded(0.1, 40));

        Assert.Equal(Fallback, response.Text);
    }

    [Fact]
    public async Task A_curated_pair_is_answered_as_written()
    {
        var answer = "Open the sign-in page, choose 'Forgot password' and follow the link we email you. The link is valid for one hour.";
        var options = Grounded(0.3, 12, Hit("src_a", 0.93, answer) with { Curated = true, Type = SourceType.Qa }, Hit("src_b", 0.5, "Unrelated."));

        var response = await _answerer.GetResponseAsync(Prompt, options);

        Assert.Equal(answer + " [1]", response.Text);
        Assert.Equal([1], Cited(response.AdditionalProperties));
    }

    [Fact]
    public async Task The_reply_respects_the_word_budget()
    {
        var filler = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"detail{i}"));
        var text = $"To reset your password {filler} you open Settings and choose 'Forgot password' {filler} and wait.";
        var options = Grounded(0.3, 12, Hit("src_a", 0.8, text));

        var streamed = string.Concat((await Stream(options)).Select(u => u.Text));
        var whole = (await _answerer.GetResponseAsync(Prompt, options)).Text;

        Assert.Equal(whole, streamed);
        Assert.InRange(Words(whole), 1, 12);
        Assert.EndsWith(" [1]", whole, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_grounding_it_says_it_can_only_answer_from_knowledge()
    {
        var response = await _answerer.GetResponseAsync(Prompt, new ChatOptions());
        var streamed = string.Concat((await Stream(null)).Select(u => u.Text));

        Assert.Equal(EmbeddedAnswerer.NoKnowledgeReply, response.Text);
        Assert.Equal(EmbeddedAnswerer.NoKnowledgeReply, streamed);
    }

    [Fact]
    public async Task Streaming_stops_when_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var options = Grounded(0.3, 40, Hit("src_a", 0.9, "one two three four five six seven") with { Curated = true, Type = SourceType.Qa });
        var received = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in _answerer.GetStreamingResponseAsync(Prompt, options, cancellation.Token))
            {
                received.Add(update.Text);
                if (received.Count == 2)
                {
                    await cancellation.CancelAsync();
                }
            }
        });
        Assert.Equal(["one ", "two "], received);
    }

    [Fact]
    public void It_describes_itself()
    {
        var metadata = _answerer.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("chatsphere-embedded", metadata.ProviderName);
        Assert.Equal("embedded", metadata.DefaultModelId);
        Assert.Same(_answerer, _answerer.GetService<IChatClient>());
    }

    [Fact]
    public void The_grounding_round_trips_through_chat_options()
    {
        var grounding = new GroundingContext(Question, [Hit("src_a", 0.7, "x")], Fallback, 0.5, 10);

        var options = new ChatOptions().WithGrounding(grounding);

        Assert.Same(grounding, options.GetGrounding());
        Assert.Null(new ChatOptions().GetGrounding());
        Assert.Null(((ChatOptions?)null).GetGrounding());
    }

    private async Task<List<ChatResponseUpdate>> Stream(ChatOptions? options)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _answerer.GetStreamingResponseAsync(Prompt, options))
        {
            updates.Add(update);
        }

        return updates;
    }

    private static IEnumerable<int> Cited(AdditionalPropertiesDictionary? properties)
    {
        Assert.NotNull(properties);
        return Assert.IsAssignableFrom<IEnumerable<int>>(properties[GroundingExtensions.CitationsPropertyName]);
    }

    private static int Words(string reply) => MarkerOrWord().Matches(reply).Count(m => !m.Value.StartsWith('['));

    private static ChatOptions Grounded(double minScore, int maxWords, params KnowledgeHit[] hits) =>
        new ChatOptions().WithGrounding(new GroundingContext(Question, hits, Fallback, minScore, maxWords));

    private static KnowledgeHit Hit(string sourceId, double score, string text) => new()
    {
        SourceId = sourceId,
        Score = score,
        Title = "Page " + sourceId,
        Text = text,
        Type = SourceType.Text,
    };

    [GeneratedRegex(@"\[\d+\]|\S+")]
    private static partial Regex MarkerOrWord();
}
