using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Api.Realtime;

/// <summary>The answer to the widget's RequestHuman: the mode now, whether an agent is available, and if not the bot's offline message.</summary>
public sealed record HumanRequestResult(ConversationMode Mode, bool Available, string? OfflineMessage);
