using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Grains.Chatbots;

namespace ChatSphere.Grains.Tests.LiveOperations;

/// <summary>The live-chat settings' rules: business hours in the bot's zone, keywords, validation naming each field, the patch.</summary>
public sealed class LiveChatRulesTests
{
    private static readonly LiveChatSettings NewYorkWeekdays = new()
    {
        TimeZone = "America/New_York",
        BusinessHours = [.. Enum.GetValues<DayOfWeek>().Where(d => d is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .Select(d => new BusinessHoursWindow { Day = d, Open = "09:00", Close = "17:30" })],
    };

    [Theory]
    // Friday 21:00 UTC = 16:00 in New York (open), Saturday 06:00 for a visitor in Tokyo.
    [InlineData("2026-12-11T21:00:00Z", true)]
    // Friday 22:30 UTC = 17:30 in New York: closing time is not open.
    [InlineData("2026-12-11T22:30:00Z", false)]
    // Monday 13:59 UTC = 08:59 in New York, though 14:59 on Monday in Berlin.
    [InlineData("2026-12-14T13:59:00Z", false)]
    // Monday 14:00 UTC = 09:00 in New York.
    [InlineData("2026-12-14T14:00:00Z", true)]
    // Summer time: Monday 13:00 UTC in July = 09:00 in New York (EDT).
    [InlineData("2026-07-13T13:00:00Z", true)]
    public void Business_hours_follow_the_bot_s_time_zone_and_its_daylight_saving(string utc, bool open) =>
        Assert.Equal(open, LiveChatRules.WithinBusinessHours(NewYorkWeekdays, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void No_business_hours_means_always_open() =>
        Assert.True(LiveChatRules.WithinBusinessHours(new LiveChatSettings(), DateTimeOffset.UnixEpoch));

    [Fact]
    public void Keywords_match_case_insensitively_only_when_the_rule_is_on()
    {
        var rules = new HandoffRules { KeywordsEnabled = true, Keywords = ["speak to a human", "refund"] };

        Assert.True(LiveChatRules.MatchesKeyword(rules, "Can I SPEAK to a Human please"));
        Assert.False(LiveChatRules.MatchesKeyword(rules, "What are your hours?"));
        Assert.False(LiveChatRules.MatchesKeyword(rules with { KeywordsEnabled = false }, "refund"));
    }

    [Fact]
    public void Bad_settings_are_refused_naming_each_field()
    {
        var errors = new Dictionary<string, string>();
        LiveChatRules.Validate(new LiveChatSettings
        {
            TimeZone = "Mars/Olympus",
            BusinessHours = [new BusinessHoursWindow { Day = DayOfWeek.Monday, Open = "17:00", Close = "09:00" }, new BusinessHoursWindow { Open = "9am" }],
            IdleCloseMinutes = -1,
            OfflineMessage = " ",
            Handoff = new HandoffRules { FallbackReplies = 0, KeywordsEnabled = true, Keywords = [] },
        }, (field, message) => errors[field] = message);

        Assert.Equal(
            ["liveChat.businessHours[0].close", "liveChat.businessHours[1].open", "liveChat.handoff.fallbackReplies", "liveChat.handoff.keywords",
             "liveChat.idleCloseMinutes", "liveChat.offlineMessage", "liveChat.timeZone"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_patch_changes_only_the_members_it_has()
    {
        var current = new LiveChatSettings { TimeZone = "Europe/Berlin", Handoff = new HandoffRules { ThumbsDown = true, Keywords = ["refund"] } };

        var patched = new LiveChatPatch { IdleCloseMinutes = 15, Handoff = new HandoffRulesPatch { KeywordsEnabled = true } }.ApplyTo(current);

        Assert.Equal(15, patched.IdleCloseMinutes);
        Assert.Equal("Europe/Berlin", patched.TimeZone);
        Assert.True(patched.Handoff.ThumbsDown);
        Assert.True(patched.Handoff.KeywordsEnabled);
        Assert.Equal(["refund"], patched.Handoff.Keywords);
    }

    [Fact]
    public async Task The_chatbot_refuses_bad_live_chat_settings_with_the_field_and_keeps_the_old_ones()
    {
        var silo = new LiveClusterFixture();
        await silo.InitializeAsync();
        var bot = await Agents.BotAsync(silo.Grains);
        var grain = silo.Grains.GetGrain<IChatbotGrain>(bot.Id);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.UpdateAsync(new ChatbotPatch { LiveChat = new LiveChatPatch { TimeZone = "Nowhere/Else" } }));

        Assert.Equal(["liveChat.timeZone"], refused.Errors.Keys);
        Assert.Equal("UTC", (await grain.GetAsync())!.Settings.LiveChat.TimeZone);
        await silo.DisposeAsync();
    }
}
