using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Grains.Tests.Conversations;

namespace ChatSphere.Grains.Tests.LiveOperations;

/// <summary>
/// The handoff rules (visitor asks, N fallback replies in a row, thumbs-down, keywords), availability (business hours in the
/// bot's time zone, agents online), idle close by reminder, and the mode surviving a silo restart. Conversations read the
/// fixture's fake clock.
/// </summary>
public sealed class HandoffTests(LiveClusterFixture fixture) : IClassFixture<LiveClusterFixture>
{
    private static readonly IReadOnlyList<BusinessHoursWindow> BerlinOfficeHours =
    [
        new() { Day = DayOfWeek.Monday, Open = "09:00", Close = "17:00" },
    ];

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_visitor_who_asks_while_an_agent_is_online_waits_for_them_and_the_bot_is_silent()
    {
        var bot = await Agents.BotAsync(Grains);
        using var agents = await AgentsOnline.InAsync(Grains, bot.WorkspaceId);
        var (grain, _) = await Chats.StartAsync(Grains, bot.Id);
        using var visitor = new EventRecorder(Grains);
        await grain.SendAndWaitAsync(visitor, "Hello");

        var result = await grain.RequestHumanAsync();
        var question = await grain.SendAsync(Chats.Message("Anyone there?"), visitor.Reference);
        var mode = await visitor.WaitForAsync(e => e.Type == ChatEventType.Mode);

        Assert.True(result.Available);
        Assert.Equal(ConversationMode.Waiting, result.Conversation.Mode);
        Assert.Equal(ConversationMode.Waiting, mode.Mode);
        Assert.True(mode.Available);
        Assert.True(question.NoReply);
        Assert.DoesNotContain((await grain.GetMessagesAsync(0, 50)).Items, m => m.Seq > question.UserMessage.Seq);
        await WaitForInboxAsync(agents, e => e.Change == InboxChange.Mode && e.Reason == HandoffReason.Visitor && e.Conversation.Id == result.Conversation.Id);
    }

    [Fact]
    public async Task A_visitor_who_asks_while_nobody_is_online_gets_the_offline_message_and_the_bot_answers_on()
    {
        var bot = await Agents.BotAsync(Grains, new LiveChatPatch { OfflineMessage = "We are away: leave your email." });
        var (grain, _) = await Chats.StartAsync(Grains, bot.Id);
        using var visitor = new EventRecorder(Grains);
        await grain.SubscribeAsync(visitor.Reference);

        var result = await grain.RequestHumanAsync();
        var mode = await visitor.WaitForAsync(e => e.Type == ChatEventType.Mode);
        var profile = await grain.LeaveEmailAsync("visitor@example.com");
        var (receipt, done) = await grain.SendAndWaitAsync(visitor, "Still there?");

        Assert.False(result.Available);
        Assert.Equal("We are away: leave your email.", result.OfflineMessage);
        Assert.Equal(ConversationMode.Bot, result.Conversation.Mode);
        Assert.False(mode.Available);
        Assert.Equal("We are away: leave your email.", mode.Text);
        Assert.Equal("visitor@example.com", profile.Email);
        Assert.False(receipt.NoReply);
        Assert.Equal(MessageStatus.Complete, done.Status);
        await Assert.ThrowsAsync<ValidationFailedException>(() => grain.LeaveEmailAsync("not an address"));
    }

    [Fact]
    public async Task A_bot_that_offers_no_person_refuses_the_request_naming_the_setting()
    {
        var bot = await Agents.BotAsync(Grains, new LiveChatPatch { TalkToHumanEnabled = false });
        var (grain, _) = await Chats.StartAsync(Grains, bot.Id);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(grain.RequestHumanAsync);

        Assert.Contains("liveChat.talkToHumanEnabled", refused.Errors.Keys);
        Assert.Equal(ConversationMode.Bot, (await grain.GetAsync())!.Mode);
    }

    [Fact]
    public async Task A_keyword_hands_the_conversation_over_before_the_bot_answers()
    {
        var bot = await Agents.BotAsync(Grains, new LiveChatPatch { Handoff = new HandoffRulesPatch { KeywordsEnabled = true, Keywords = ["refund"] } });
        using var agents = await AgentsOnline.InAsync(Grains, bot.WorkspaceId);
        var (grain, _) = await Chats.StartAsync(Grains, bot.Id);
        using var visitor = new EventRecorder(Grains);

        var plain = await grain.SendAndWaitAsync(visitor, "What are your hours?");
        var keyword = await grain.SendAsync(Chats.Message("I want a REFUND now"), visitor.Reference);

        Assert.False(plain.Receipt.NoReply);
        Assert.True(keyword.NoReply);
        Assert.Equal(ConversationMode.Waiting, (await grain.GetAsync())!.Mode);
        await WaitForInboxAsync(agents, e => e.Reason == HandoffReason.Keyword);
    }

    [Fact]
    public async Task Two_fallback_replies_in_a_row_hand_the_conversation_over()
    {
        // The embedded answerer with no knowledge always gives the fallback message.
        var bot = await Agents.BotAsync(Grains, new LiveChatPatch { Handoff = new HandoffRulesPatch { FallbackEnabled = true, FallbackReplies = 2 } }, "embedded");
        using var agents = await AgentsOnline.InAsync(Grains, bot.WorkspaceId);
        var (grain, _) = await Chats.StartAsync(Grains, bot.Id);
        using var visitor = new EventRecorder(Grains);

        var first = await grain.SendAndWaitAsync(visitor, "What is the airspeed of a swallow?");
        var afterFirst = (await grain.GetAsync())!;
        await grain.SendAndWaitAsync(visitor, "And of a coconut?");
        await visitor.WaitForAsync(e => e.Type == ChatEventType.Mode && e.Mode == ConversationMode.Waiting);

        Assert.StartsWith(bot.Settings.FallbackMessage, first.Done.Text, StringComparison.Ordinal);
        Assert.Equal(ConversationMode.Bot, afterFirst.Mode);
        var after = (await grain.GetAsync())!;
        Assert.Equal(ConversationMode.Waiting, after.Mode);
        Assert.Equal(2, after.UnansweredReplies);
        await WaitForInboxAsync(agents, e => e.Reason == HandoffReason.Fallback);
    }

    [Fact]
    public async Task A_thumbs_down_hands_the_conversation_over_when_the_rule_is_on_and_not_when_it_is_off()
    {
        var on = await Agents.BotAsync(Grains, new LiveChatPatch { Handoff = new HandoffRulesPatch { ThumbsDown = true } });
        var off = await Agents.BotAsync(Grains);
        using var agentsOn = await AgentsOnline.InAsync(Grains, on.WorkspaceId);
        using var agentsOff = await AgentsOnline.InAsync(Grains, off.WorkspaceId);
        var modes = new List<ConversationMode>();
        foreach (var bot in new[] { on, off })
        {
            var (grain, _) = await Chats.StartAsync(Grains, bot.Id);
            using var visitor = new EventRecorder(Grains);
            var (_, done) = await grain.SendAndWaitAsync(visitor, "Hello");
            await grain.RateAsync(done.MessageId, MessageRating.Down);
            modes.Add((await grain.GetAsync())!.Mode);
        }

        Assert.Equal([ConversationMode.Waiting, ConversationMode.Bot], modes);
    }

    [Fact]
    public async Task Business_hours_are_judged_in_the_bot_s_time_zone_whatever_the_visitor_s()
    {
        var bot = await Agents.BotAsync(Grains, new LiveChatPatch { TimeZone = "Europe/Berlin", BusinessHours = BerlinOfficeHours });
        using var agents = await AgentsOnline.InAsync(Grains, bot.WorkspaceId);

        // Monday 15:30 UTC is 16:30 in Berlin (open) and already Tuesday 00:30 for a visitor in Tokyo.
        fixture.Time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 15, 30, 0, TimeSpan.Zero));
        var (open, _) = await Chats.StartAsync(Grains, bot.Id);
        var inHours = await open.RequestHumanAsync();

        // Monday 16:30 UTC is 17:30 in Berlin (closed), though 08:30 on a weekday morning in Los Angeles.
        fixture.Time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 16, 30, 0, TimeSpan.Zero));
        var (late, _) = await Chats.StartAsync(Grains, bot.Id);
        var afterHours = await late.RequestHumanAsync();

        Assert.True(inHours.Available);
        Assert.Equal(ConversationMode.Waiting, inHours.Conversation.Mode);
        Assert.False(afterHours.Available);
        Assert.Equal(ConversationMode.Bot, afterHours.Conversation.Mode);
    }

    [Fact]
    public async Task An_idle_conversation_closes_by_its_reminder_and_a_visitor_who_writes_again_reopens_it()
    {
        var bot = await Agents.BotAsync(Grains, new LiveChatPatch { IdleCloseMinutes = 30 });
        var (grain, _) = await Chats.StartAsync(Grains, bot.Id);
        using var visitor = new EventRecorder(Grains);
        await grain.SendAndWaitAsync(visitor, "Hello");
        var reminder = grain.AsReference<IRemindable>();

        await reminder.ReceiveReminder(ChatSphere.Grains.Conversations.ConversationGrain.IdleReminder, default);
        var early = (await grain.GetAsync())!.Status;
        fixture.Time.Advance(TimeSpan.FromMinutes(31));
        await reminder.ReceiveReminder(ChatSphere.Grains.Conversations.ConversationGrain.IdleReminder, default);
        var idle = (await grain.GetAsync())!;
        var (again, done) = await grain.SendAndWaitAsync(visitor, "I am back");

        Assert.Equal(ConversationStatus.Open, early);
        Assert.Equal(ConversationStatus.Closed, idle.Status);
        Assert.NotNull(idle.ClosedAt);
        Assert.False(again.NoReply);
        Assert.Equal(MessageStatus.Complete, done.Status);
        Assert.Equal(ConversationStatus.Open, (await grain.GetAsync())!.Status);
    }

    [Fact]
    public async Task Mode_holder_and_assignee_survive_a_silo_restart()
    {
        var bot = await Agents.BotAsync(Grains);
        var (grain, info) = await Chats.StartAsync(Grains, bot.Id);
        var agent = Agents.New("Dana");
        var held = await grain.TakeOverAsync(agent);
        await grain.AssignAsync("usr_other");

        await fixture.RestartAsync();
        var after = await fixture.Grains.GetGrain<IConversationGrain>(info.Id).GetAsync();
        var question = await fixture.Grains.GetGrain<IConversationGrain>(info.Id).SendAsync(Chats.Message("Still you?"), null);

        Assert.NotNull(after);
        Assert.Equal(ConversationMode.Human, after.Mode);
        Assert.Equal(agent, after.HeldBy);
        Assert.Equal("usr_other", after.AssigneeId);
        Assert.Equal(held.Turn, after.Turn);
        Assert.True(question.NoReply);
    }

    private static async Task WaitForInboxAsync(AgentsOnline agents, Func<InboxEvent, bool> match)
    {
        // A guard against hangs, not a timing assertion: inbox events are one-way calls.
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!agents.Events.Any(match))
        {
            Assert.True(DateTime.UtcNow < until, "the inbox never got the event");
            await Task.Delay(20);
        }
    }
}
