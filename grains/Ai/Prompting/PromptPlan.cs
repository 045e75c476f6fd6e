using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Ai.Prompting;

/// <summary>
/// An assembled prompt: its messages, what it costs in tokens, how many hits made it in (they keep their numbers),
/// the history messages left out of the window, oldest first (the summary should cover them), and the instructions
/// (persona and rules) a reply must never repeat.
/// </summary>
public sealed record PromptPlan(
    IReadOnlyList<ChatMessage> Messages,
    int PromptTokens,
    int HitsIncluded,
    IReadOnlyList<HistoryMessage> Dropped,
    string Instructions);
