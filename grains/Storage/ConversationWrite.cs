using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.Grains.Ai.Prompting;

namespace ChatSphere.Grains.Storage;

/// <summary>
/// One durable change of a conversation: the messages to add or replace and, unless <paramref name="UpdateIndex"/>
/// is false, its index row (a question leaves the row to its reply, which follows at once: one statement less
/// per message on the hot path; the grain takes its next seq from the message log, never from the row). A reply that
/// moved messages out of the prompt window carries the new running summary in <paramref name="Memory"/>, committed with it.
/// </summary>
public sealed record ConversationWrite(
    ConversationInfo Conversation,
    IReadOnlyList<ConversationMessage> Messages,
    bool UpdateIndex = true,
    ConversationMemory? Memory = null);
