using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.GrainInterfaces.Errors;

/// <summary>Another agent holds the conversation (409); <see cref="Holder"/> says who.</summary>
[GenerateSerializer, Alias("ChatSphere.ConversationHeldException")]
public sealed class ConversationHeldException(AgentRef holder)
    : ChatSphereException($"The conversation is held by {holder.Name} ({holder.Id}).")
{
    [Id(0)] public AgentRef Holder { get; } = holder;
}
