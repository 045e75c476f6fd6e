using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Storage;

/// <summary>One durable change of a conversation: its index row and the messages to add or replace.</summary>
public sealed record ConversationWrite(ConversationInfo Conversation, IReadOnlyList<ConversationMessage> Messages);
