namespace ChatSphere.Grains.Ai;

/// <summary>
/// A composed reply: its text with citation markers ([1] is the first hit), the 1-based positions of the hits it
/// cites, and whether it is the fallback message (no citations then).
/// </summary>
public sealed record GroundedAnswerReply(string Text, IReadOnlyList<int> Citations, bool IsFallback);
