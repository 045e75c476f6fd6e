using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.GrainInterfaces.Ai;

/// <summary>
/// How one stored reply was made, for the workspace's administrators: the model that answered (<c>none</c> for an
/// apology), tokens in and out, the time to the whole reply and to its first words (from the question's arrival), how
/// it ended, and the retrieved knowledge it was generated from, best first.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ReplyDetails")]
public sealed record ReplyDetails
{
    [Id(0)] public required string ConversationId { get; init; }
    [Id(1)] public long Seq { get; init; }
    [Id(2)] public required string Model { get; init; }
    [Id(3)] public int PromptTokens { get; init; }
    [Id(4)] public int CompletionTokens { get; init; }
    [Id(5)] public int LatencyMs { get; init; }
    [Id(6)] public int? FirstTokenMs { get; init; }
    /// <summary>stop, length, broken, apology, withheld or interrupted.</summary>
    [Id(7)] public required string Outcome { get; init; }
    [Id(8)] public DateTimeOffset CreatedAt { get; init; }
    [Id(9)] public IReadOnlyList<ReplyHit> Hits { get; init; } = [];
}

/// <summary>A retrieved passage a reply was generated from: its source, where in it, its score and its text (as retrieved then).</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ReplyHit")]
public sealed record ReplyHit
{
    [Id(0)] public required string SourceId { get; init; }
    [Id(1)] public SourceType Type { get; init; }
    [Id(2)] public string Title { get; init; } = "";
    [Id(3)] public string? Heading { get; init; }
    [Id(4)] public string? Url { get; init; }
    [Id(5)] public string? FileName { get; init; }
    [Id(6)] public double Score { get; init; }
    /// <summary>The matched text: a chunk, or the answer of a Q&amp;A pair.</summary>
    [Id(7)] public string Text { get; init; } = "";
    /// <summary>For Q&amp;A pairs, the question that matched.</summary>
    [Id(8)] public string? Question { get; init; }
}
