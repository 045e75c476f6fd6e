using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// The default answer model: it answers only from the bot's knowledge, offline and instantly. Given a
/// <see cref="GroundingContext"/> in the options, it replies with the answer of the best-scoring hit when that
/// hit's score reaches <see cref="GroundingContext.MinScore"/> (cut to <see cref="GroundingContext.MaxAnswerWords"/>
/// words), and with the bot's fallback message otherwise. The prompt messages are not read: the retrieval that
/// built the hits already matched the visitor's question. Without a grounding it replies
/// <see cref="NoKnowledgeReply"/>, since it has nothing it may answer from.
/// </summary>
public sealed class EmbeddedAnswerer : IChatClient
{
    public const string ModelId = "embedded";
    public const string ProviderName = "chatsphere-embedded";
    public const string NoKnowledgeReply = "I can only answer from this bot's knowledge.";

    private static readonly ChatClientMetadata Metadata = new(ProviderName, providerUri: null, defaultModelId: ModelId);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var answer = Compose(options);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Text) { MessageId = NewId("msg") })
        {
            ResponseId = NewId("resp"),
            ModelId = ModelId,
            CreatedAt = DateTimeOffset.UtcNow,
            FinishReason = ChatFinishReason.Stop,
            AdditionalProperties = CitationProperties(answer),
        };
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var answer = Compose(options);
        var responseId = NewId("resp");
        var messageId = NewId("msg");
        var createdAt = DateTimeOffset.UtcNow;
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

    public void Dispose()
    {
    }

    /// <summary>The reply for the given grounding, and the 1-based position of the hit it rests on, if any.</summary>
    internal static GroundedAnswer Compose(ChatOptions? options)
    {
        if (options.GetGrounding() is not { } grounding)
        {
            return new GroundedAnswer(NoKnowledgeReply, null);
        }

        var best = -1;
        for (var i = 0; i < grounding.Hits.Count; i++)
        {
            if (best < 0 || grounding.Hits[i].Score > grounding.Hits[best].Score)
            {
                best = i;
            }
        }

        if (best >= 0 && grounding.Hits[best].Score >= grounding.MinScore && !string.IsNullOrWhiteSpace(grounding.Hits[best].Text))
        {
            return new GroundedAnswer(AnswerText.Trim(grounding.Hits[best].Text, grounding.MaxAnswerWords), best + 1);
        }

        return new GroundedAnswer(grounding.FallbackMessage.Trim(), null);
    }

    private static AdditionalPropertiesDictionary? CitationProperties(GroundedAnswer answer) =>
        answer.Citation is { } index ? new() { [GroundingExtensions.CitationsPropertyName] = new[] { index } } : null;

    private static string NewId(string prefix) => GrainInterfaces.Ids.New(prefix);

    internal sealed record GroundedAnswer(string Text, int? Citation);
}
