using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Api.Realtime;

/// <summary>The widget hub's live-chat calls (docs/live-operations.md): ask for a person, typing, the offline email.
/// Stream events of a conversation gain <c>mode</c> and <c>typing</c> events and agent messages on Resume.</summary>
public sealed partial class ChatHub
{
    /// <summary>
    /// The visitor asks for a person. When an agent is available the conversation waits for one (mode <c>waiting</c>; the bot is
    /// silent); otherwise <c>available</c> is false and <c>offlineMessage</c> is the bot's offline message (the widget then
    /// offers <see cref="LeaveEmail"/>). Every reader gets the matching mode event too.
    /// </summary>
    public async Task<HumanRequestResult> RequestHuman(string conversationId)
    {
        EnsureOpened(conversationId);
        try
        {
            var result = await grains.GetGrain<IConversationGrain>(conversationId).RequestHumanAsync();
            return new HumanRequestResult(result.Conversation.Mode, result.Available, result.OfflineMessage);
        }
        catch (ChatSphereException known)
        {
            throw ToHubError(known);
        }
    }

    /// <summary>The visitor is typing: agents watching the conversation see an indicator (send at most every few seconds).</summary>
    public Task Typing(string conversationId)
    {
        EnsureOpened(conversationId);
        return grains.GetGrain<IConversationGrain>(conversationId).TypingAsync(null);
    }

    /// <summary>The email a visitor leaves when no agent is available (offline handoff); stored with the conversation.</summary>
    public Task LeaveEmail(string conversationId, string email)
    {
        EnsureOpened(conversationId);
        return Known(() => grains.GetGrain<IConversationGrain>(conversationId).LeaveEmailAsync(email ?? ""));
    }
}
