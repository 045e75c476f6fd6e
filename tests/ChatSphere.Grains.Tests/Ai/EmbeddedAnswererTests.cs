using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ai;
using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Tests.Ai;

public sealed class EmbeddedAnswererTests
{
    private const string Fallback = "Sorry, I don't know that yet.";

    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, "How do I reset my password?")];

    private readonly EmbeddedAnswerer _answerer = new();

    [Fact]
    public async Task It_streams_the_best_hit_word_by_word_and_the_words_add_up_to_the_whole_reply()
    {
        var options = Grounded(0.5, 120, Hit("src_a", 0.62, "Open Settings. Choose 'Forgot password'."), Hit("src_b", 0.41, "Unrelated."));

        var updates = await Stream(options);
        var response = await _answerer.GetResponseAsync(Prompt, options);

        Assert.Equal("Open Settings. Choose 'Forgot password'.", response.Text);
        Assert.Equal(response.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(5, updates.Count);
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.All(updates, u => Assert.Equal(EmbeddedAnswerer.ModelId, u.ModelId));
        Assert.Single(updates.Select(u => u.MessageId).Distinct());
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task The_last_update_cites_the_position_of_the_hit_it_used()
    {
        // Hits out of order: the best one is second.
        var options = Grounded(0.5, 120, Hit("src_a", 0.52, "Weaker answer."), Hit("src_b", 0.91, "Stronger answer."));

        var updates = await Stream(options);
        var response = await _answerer.GetResponseAsync(Prompt, options);

        Assert.Equal("Stronger answer.", string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates.SkipLast(1), u => Assert.Null(u.AdditionalProperties));
        Assert.Equal([2], Assert.IsAssignableFrom<IEnumerable<int>>(updates[^1].AdditionalProperties![GroundingExtensions.CitationsPropertyName]));
        Assert.Equal([2], Assert.IsAssignableFrom<IEnumerable<int>>(response.AdditionalProperties![GroundingExtensions.CitationsPropertyName]));
    }

    [Fact]
    public async Task Below_the_threshold_it_gives_the_fallback_without_citations()
    {
        var options = Grounded(0.55, 120, Hit("src_a", 0.549, "An answer that does not match well enough."));

        var updates = await Stream(options);
        var response = await _answerer.GetResponseAsync(Prompt, options);

        Assert.Equal(Fallback, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(Fallback, response.Text);
        Assert.All(updates, u => Assert.Null(u.AdditionalProperties));
        Assert.Null(response.AdditionalProperties);
    }

    [Fact]
    public async Task Without_hits_it_gives_the_fallback()
    {
        var response = await _answerer.GetResponseAsync(Prompt, Grounded(0.1, 120));

        Assert.Equal(Fallback, response.Text);
    }

    [Fact]
    public async Task A_score_exactly_at_the_threshold_is_enough()
    {
        var response = await _answerer.GetResponseAsync(Prompt, Grounded(0.55, 120, Hit("src_a", 0.55, "Just enough.")));

        Assert.Equal("Just enough.", response.Text);
    }

    [Fact]
    public async Task The_reply_respects_the_word_budget()
    {
        var answer = "Refunds take three days. They show on your statement within a week. Contact us if they do not arrive in time.";
        var options = Grounded(0.5, 12, Hit("src_a", 0.8, answer));

        var streamed = string.Concat((await Stream(options)).Select(u => u.Text));
        var whole = (await _answerer.GetResponseAsync(Prompt, options)).Text;

        Assert.Equal("Refunds take three days. They show on your statement within a week.", whole);
        Assert.Equal(whole, streamed);
        Assert.True(whole.Split(' ').Length <= 12);
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
        var options = Grounded(0.5, 120, Hit("src_a", 0.9, "one two three four five six seven"));
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
        var grounding = new GroundingContext([Hit("src_a", 0.7, "x")], Fallback, 0.5, 10);

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

    private static ChatOptions Grounded(double minScore, int maxWords, params KnowledgeHit[] hits) =>
        new ChatOptions().WithGrounding(new GroundingContext(hits, Fallback, minScore, maxWords));

    private static KnowledgeHit Hit(string sourceId, double score, string answer) => new()
    {
        SourceId = sourceId,
        Score = score,
        Title = "Question of " + sourceId,
        Question = "Question of " + sourceId,
        Text = answer,
        Type = SourceType.Qa,
    };
}
