using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Grains.Chatbots;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// Handoff: the visitor asks for a person, or one of the bot's rules does (N fallback replies in a row, a thumbs-down,
/// a keyword). When an agent is available (the bot's business hours, and someone online in the dashboard) the mode
/// becomes waiting and the bot is silent; otherwise the visitor is told the bot's offline message and the bot answers on.
/// </summary>
public sealed partial class ConversationGrain
{
    /// <summary>Fallback replies in a row (this activation's count: the rule looks at a conversation as it goes).</summary>
    private int _fallbackStreak;

    public async Task<HandoffResult> RequestHumanAsync()
    {
        var info = _info ?? throw new NotFoundException("Conversation", ConversationId);
        var live = LiveChat(await GetBotAsync()) ?? new LiveChatSettings();
        if (!live.TalkToHumanEnabled || !(live.Handoff ?? new HandoffRules()).VisitorAsks)
        {
            throw new ValidationFailedException("liveChat.talkToHumanEnabled", "This chatbot does not offer a person.");
        }

        if (info.Status == ConversationStatus.Closed)
        {
            throw new ConflictException("The conversation is closed.");
        }

        return await HandOverAsync(HandoffReason.Visitor);
    }

    /// <summary>Puts the conversation in waiting when an agent is available; otherwise tells the visitor the offline message.</summary>
    private async Task<HandoffResult> HandOverAsync(HandoffReason reason)
    {
        var live = LiveChat(_bot) ?? new LiveChatSettings();
        if (_info!.Mode != ConversationMode.Bot)
        {
            return new HandoffResult { Conversation = _info, Available = true };
        }

        var available = LiveChatRules.WithinBusinessHours(live, clock.GetUtcNow())
            && (await GrainFactory.GetGrain<IInboxGrain>(_info.WorkspaceId).GetWatchersAsync()).AgentsOnline > 0;
        if (!available)
        {
            Notify([ModeEvent(available: false, text: live.OfflineMessage)]);
            return new HandoffResult { Conversation = _info!, Available = false, OfflineMessage = live.OfflineMessage };
        }

        if (_info!.Mode != ConversationMode.Bot || _info.Status == ConversationStatus.Closed)
        {
            return new HandoffResult { Conversation = _info, Available = true };
        }

        var changed = await ChangeModeAsync(current => current with { Mode = ConversationMode.Waiting, HeldBy = null }, available: true);
        TellInbox(InboxChange.Mode, changed, reason: reason);
        return new HandoffResult { Conversation = changed, Available = true };
    }

    /// <summary>After each complete reply: the fallback rule (N fallback replies in a row).</summary>
    private async Task AfterReplyAsync(bool fallback)
    {
        _fallbackStreak = fallback ? _fallbackStreak + 1 : 0;
        var rules = LiveChat(_bot)?.Handoff;
        if (fallback && rules is { FallbackEnabled: true } && _fallbackStreak >= Math.Max(1, rules.FallbackReplies) && BotAnswers(_info!))
        {
            _fallbackStreak = 0;
            await HandOverAsync(HandoffReason.Fallback);
        }
    }

    /// <summary>After a rating: the thumbs-down rule.</summary>
    private async Task AfterRatingAsync(MessageRating? rating)
    {
        if (rating == MessageRating.Down && BotAnswers(_info!) && LiveChat(await GetBotAsync())?.Handoff is { ThumbsDown: true })
        {
            await HandOverAsync(HandoffReason.ThumbsDown);
        }
    }

    private static LiveChatSettings? LiveChat(ChatbotInfo? bot) => bot?.Settings.LiveChat;
}
