// Temporary: replaced by the AI helper's files on merge.
using ChatSphere.GrainInterfaces.Knowledge;
using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Ai;

public interface IChatModelCatalog
{
    bool Contains(string modelId);
    IChatClient Get(string modelId);
}

public sealed record GroundingContext(IReadOnlyList<KnowledgeHit> Hits, string FallbackMessage, double MinScore, int MaxAnswerWords);

public static class GroundingExtensions
{
    public static ChatOptions WithGrounding(this ChatOptions options, GroundingContext context)
    {
        (options.AdditionalProperties ??= [])["chatsphere.grounding"] = context;
        return options;
    }
}
