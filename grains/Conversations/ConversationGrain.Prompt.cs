using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Ai.Generation;
using ChatSphere.Grains.Ai.Prompting;
using ChatSphere.Grains.Ai.Providers;
using ChatSphere.Grains.Ai.Usage;

namespace ChatSphere.Grains.Conversations;

/// <summary>What a reply needs besides the question and what it leaves behind: the history and running summary, the
/// workspace's provider keys, the folded memory, the usage record.</summary>
public sealed partial class ConversationGrain
{
    /// <summary>The history after the running summary (from the tail), and the summary, loaded once per activation.</summary>
    private async Task<GenerationRequest> WithMemoryAsync(GenerationRequest request, ReplyRun reply)
    {
        if (!_memoryLoaded && reply.Question.Seq > 1)
        {
            Flush(reply);
            _memory = await replies.Memory.LoadAsync(ConversationId);
            _memoryLoaded = true;
        }

        var summarized = _memory?.SummarizedSeq ?? 0;
        var history = _tail
            .Where(m => m.Seq > summarized && m.Seq < reply.Question.Seq && m.Text.Length > 0 && !m.Private)
            .Select(m => new HistoryMessage(m.Seq, m.Role == MessageRole.User, m.Text))
            .ToArray();
        return request with { History = history, Summary = _memory?.Summary };
    }

    /// <summary>The workspace's provider keys, when the bot's chain uses a configured provider; cached like the bot.</summary>
    private async Task<IReadOnlyDictionary<string, ProviderCredential>> CredentialsAsync(ChatbotInfo bot, GenerationRequest request, ReplyRun reply)
    {
        if (_credentials is null || clock.GetUtcNow() - _credentialsFetchedAt > BotCacheTtl)
        {
            var chain = replies.Generator.Chain(request);
            if (chain.All(m => m is EmbeddedAnswerer.ModelId or InstantChatClient.ModelId))
            {
                return new Dictionary<string, ProviderCredential>();
            }

            Flush(reply);
            _credentials = await replies.Credentials.ResolveAsync(bot.WorkspaceId, chain);
            _credentialsFetchedAt = clock.GetUtcNow();
        }

        return _credentials;
    }

    /// <summary>Records the reply's usage (batched per silo).</summary>
    private void Account(ReplyRun reply, GenerationOutcome? outcome, MessageStatus status)
    {
        if (outcome is null || _info is not { } info)
        {
            return;
        }

        replies.Metrics.Tokens(outcome);
        _ = replies.Usage.RecordAsync(new UsageRecord(
            ConversationId, reply.Seq, info.BotId, info.WorkspaceId, outcome.Model ?? "none", outcome.PromptTokens, outcome.CompletionTokens,
            (int)reply.Latency.TotalMilliseconds, (int?)reply.FirstToken?.TotalMilliseconds,
            status == MessageStatus.Complete ? outcome.End.ToString().ToLowerInvariant() : "interrupted", clock.GetUtcNow()));
    }

    /// <summary>The running summary with what left the prompt window folded in, stored with the reply; null when nothing left.</summary>
    private ConversationMemory? FoldedMemory(GenerationOutcome outcome, ReplyRun reply)
    {
        var summarized = _memory?.SummarizedSeq ?? 0;
        var dropped = outcome.Plan.Dropped.Where(m => m.Seq > summarized).ToArray();
        if (dropped.Length == 0)
        {
            return null;
        }

        var folded = WithOldestOfWindow(dropped, reply.Question.Seq);
        return new ConversationMemory(replies.Summarizer.Update(_memory?.Summary, folded), folded[^1].Seq);
    }

    /// <summary>
    /// The messages that left the prompt window and, with them, the oldest of those still in it (up to
    /// <see cref="ExtraFolded"/>, at most half the window): the summary then changes, and is stored, on one reply in
    /// a few rather than on every reply once a conversation outgrows its window.
    /// </summary>
    private HistoryMessage[] WithOldestOfWindow(HistoryMessage[] dropped, long questionSeq)
    {
        var window = _tail.Where(m => m.Seq > dropped[^1].Seq && m.Seq < questionSeq && m.Text.Length > 0 && !m.Private).ToArray();
        var extra = Math.Min(ExtraFolded, window.Length / 2);
        return [.. dropped, .. window.Take(extra).Select(m => new HistoryMessage(m.Seq, m.Role == MessageRole.User, m.Text))];
    }
}
