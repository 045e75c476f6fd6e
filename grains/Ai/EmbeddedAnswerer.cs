using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// The default answer model: it answers only from the bot's knowledge, offline. Given a <see cref="GroundingContext"/>
/// in the options, it composes the reply with <see cref="GroundedAnswerComposer"/>: a curated Q&amp;A answer as
/// written, or the best-supported sentences of the top hits (their candidate sentences embedded with the deployment's
/// embedding model) in at most <see cref="GroundingContext.MaxAnswerWords"/> words, cited as [1], [2] in the order the
/// reply uses them; or the bot's fallback message when the best hit scores under <see cref="GroundingContext.MinScore"/>
/// or no sentence supports an answer. The prompt messages are not read: the grounding carries the visitor's question.
/// Without a grounding it replies <see cref="NoKnowledgeReply"/>, since it has nothing it may answer from. The reply
/// streams word by word; the last update names the cited hits (<see cref="GroundingExtensions.CitationsPropertyName"/>).
/// </summary>
public sealed class EmbeddedAnswerer(IEmbeddingGenerator<string, Embedding<float>> embeddings, TimeProvider? time = null) : IChatClient
{
    // Answers come from the same sentences again and again: each is embedded once while it stays in use.
    private readonly SentenceEmbeddingCache _sentences = new(embeddings);

    public const string ModelId = "embedded";
    public const string ProviderName = "chatsphere-embedded";
    public const string NoKnowledgeReply = "I can only answer from this bot's knowledge.";

    private static readonly ChatClientMetadata Metadata = new(ProviderName, providerUri: null, defaultModelId: ModelId);

    private DateTimeOffset Now => (time ?? TimeProvider.System).GetUtcNow();

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var answer = await ComposeAsync(options, cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text) { MessageId = NewId("msg") })
        {
            ResponseId = NewId("resp"),
            ModelId = ModelId,
            CreatedAt = Now,
            FinishReason = ChatFinishReason.Stop,
            AdditionalProperties = CitationProperties(answer),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var answer = await ComposeAsync(options, cancellationToken);
        var responseId = NewId("resp");
        var messageId = NewId("msg");
        var createdAt = Now;
        var pieces = AnswerText.Pieces(answer.Text).ToArray();
        for (var i = 0; i < pieces.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var last = i == pieces.Length - 1;
            yield return new ChatResponseUpdate(ChatRole.Assistant, pieces[i])
            {
                ResponseId = responseId,
                MessageId = messageId,
                ModelId = ModelId,
                CreatedAt = createdAt,
                FinishReason = last ? ChatFinishReason.Stop : null,
                AdditionalProperties = last ? CitationProperties(answer) : null,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return Metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose() => _sentences.Dispose();

    /// <summary>The reply for the grounding in <paramref name="options"/>, with the hits it cites in marker order.</summary>
    internal Task<GroundedAnswerReply> ComposeAsync(ChatOptions? options, CancellationToken cancellationToken)
    {
        if (options.GetGrounding() is not { } grounding)
        {
            return Task.FromResult(new GroundedAnswerReply(NoKnowledgeReply, [], IsFallback: true));
        }

        var settings = new GroundedAnswerSettings
        {
            MaxWords = grounding.MaxAnswerWords,
            FallbackMessage = grounding.FallbackMessage,
            MinHitScore = grounding.MinScore,
            MinCompetingHitScore = grounding.MinScore,
        };
        return GroundedAnswerComposer.ComposeAsync(grounding.Question, grounding.Hits, settings, _sentences, cancellationToken: cancellationToken);
    }

    private static AdditionalPropertiesDictionary? CitationProperties(GroundedAnswerReply answer) =>
        answer.Citations.Count > 0 ? new() { [GroundingExtensions.CitationsPropertyName] = answer.Citations.ToArray() } : null;

    private static string NewId(string prefix) => GrainInterfaces.Ids.New(prefix);
}
