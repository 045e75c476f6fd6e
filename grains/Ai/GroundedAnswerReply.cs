namespace ChatSphere.Grains.Ai;

/// <summary>
/// A composed reply: its text with citation markers numbered from [1] in the order of first use, the 1-based positions
/// of the hits it cites in marker order ([k] stands for hit <c>Citations[k - 1]</c>), and whether it is the fallback
/// message (no citations then).
/// </summary>
public sealed record GroundedAnswerReply(string Text, IReadOnlyList<int> Citations, bool IsFallback);
