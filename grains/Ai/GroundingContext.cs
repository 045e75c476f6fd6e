using ChatSphere.GrainInterfaces.Knowledge;
using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// What a reply may rest on, handed from the conversation grain to the chat model through <see cref="ChatOptions"/>:
/// the visitor's question, the retrieved hits (best first), the bot's fallback message, the score the best hit needs
/// for an answer, and the longest composed reply allowed in words.
/// </summary>
public sealed record GroundingContext(string Question, IReadOnlyList<KnowledgeHit> Hits, string FallbackMessage, double MinScore, int MaxAnswerWords);

/// <summary>Carries a reply's grounding (the knowledge hits and the bot's answer settings) to an answer model through
/// <see cref="ChatOptions"/>, and its citations back.</summary>
public static class GroundingExtensions
{
    /// <summary>The key of the grounding in <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public const string PropertyName = "chatsphere.grounding";

    /// <summary>
    /// The key under which a reply names the hits it cites: an <c>int[]</c> of 1-based positions in the hits, in the
    /// order of its markers, so [k] in the text stands for the hit at position <c>value[k - 1]</c>. A reply without it
    /// cites by hit position ([n] is hit n), as the prompt numbers the knowledge.
    /// </summary>
    public const string CitationsPropertyName = "chatsphere.citations";

    public static ChatOptions WithGrounding(this ChatOptions options, GroundingContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        (options.AdditionalProperties ??= [])[PropertyName] = context;
        return options;
    }

    public static GroundingContext? GetGrounding(this ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(PropertyName, out var value) == true ? value as GroundingContext : null;
}
