using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// Inactivity: an open conversation of a bot with an idle time closes once nobody wrote for that long. One Orleans
/// reminder per such conversation (registered once, not per message) wakes the grain a few times per idle period; the
/// grain closes the conversation when its last activity is old enough, and drops the reminder when it closes.
/// </summary>
public sealed partial class ConversationGrain : IRemindable
{
    public const string IdleReminder = "idle-close";
    private bool _idleReminderKnown;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != IdleReminder)
        {
            return;
        }

        var idle = IdleMinutes(await GetBotAsyncOrNull());
        if (_info is not { Status: ConversationStatus.Open } info || idle <= 0)
        {
            await ForgetIdleCloseAsync();
            return;
        }

        if (clock.GetUtcNow() - info.LastActivityAt >= TimeSpan.FromMinutes(idle))
        {
            LogIdleClosed(ConversationId, idle);
            await CloseAsync(null);
        }
    }

    /// <summary>Makes sure the idle reminder runs, when the bot closes idle conversations (registered once per activation at most).</summary>
    private void ScheduleIdleClose()
    {
        if (_idleReminderKnown || _info is not { Status: ConversationStatus.Open } || IdleMinutes(_bot) <= 0)
        {
            return;
        }

        _idleReminderKnown = true;
        var period = TimeSpan.FromMinutes(Math.Max(1, IdleMinutes(_bot) / 4.0));
        _ = RegisterIdleReminderAsync(period);
    }

    private async Task RegisterIdleReminderAsync(TimeSpan period)
    {
        try
        {
            await this.RegisterOrUpdateReminder(IdleReminder, period, period);
        }
        catch (Exception exception)
        {
            _idleReminderKnown = false;
            LogIdleReminderFailed(exception, ConversationId);
        }
    }

    private async Task ForgetIdleCloseAsync()
    {
        _idleReminderKnown = false;
        try
        {
            if (await this.GetReminder(IdleReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception exception)
        {
            LogIdleReminderFailed(exception, ConversationId);
        }
    }

    private async Task<GrainInterfaces.Chatbots.ChatbotInfo?> GetBotAsyncOrNull() => _info is null ? null : await GetBotAsync();

    private static int IdleMinutes(GrainInterfaces.Chatbots.ChatbotInfo? bot) => bot?.Settings.LiveChat?.IdleCloseMinutes ?? 0;

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} closed after {Minutes} idle minutes")]
    private partial void LogIdleClosed(string conversationId, int minutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not keep the idle-close reminder of conversation {ConversationId}")]
    private partial void LogIdleReminderFailed(Exception exception, string conversationId);
}
