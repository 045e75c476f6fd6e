using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Ai.Usage;

/// <summary>
/// What one reply cost. <paramref name="ConversationId"/> and <paramref name="Seq"/> name the reply message; an
/// OpenAI-compatible completion (no conversation) uses its completion id and seq 0. <paramref name="Model"/> is the
/// model that answered, or <c>none</c> for an apology. <see cref="Hits"/>: the retrieved knowledge the reply was
/// generated from, kept beside the record (cs_message_hits) for the playground's details.
/// </summary>
public sealed record UsageRecord(
    string ConversationId,
    long Seq,
    string BotId,
    string WorkspaceId,
    string Model,
    int PromptTokens,
    int CompletionTokens,
    int LatencyMs,
    int? FirstTokenMs,
    string Outcome,
    DateTimeOffset CreatedAt)
{
    public IReadOnlyList<KnowledgeHit> Hits { get; init; } = [];
}
