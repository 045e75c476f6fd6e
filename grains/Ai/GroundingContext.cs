using ChatSphere.GrainInterfaces.Knowledge;
using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// What a reply may rest on, handed from the conversation grain to the chat model through <see cref="ChatOptions"/>:
/// the retrieved hits (best first; citations are their 1-based positions), the bot's fallback message, the score a
/// hit needs to be used, and the longest reply allowed in words.
/// </summary>
public sealed record GroundingContext(IReadOnlyList<KnowledgeHit> Hits, string FallbackMessage, double MinScore, int MaxAnswerWords);

public static class GroundingExtensions
{
    /// <summary>The key of the grounding in <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public const string PropertyName = "chatsphere.grounding";

    /// <summary>The key under which a reply names the hits it used (an <c>int[]</c> of 1-based positions in the hits).</summary>
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
