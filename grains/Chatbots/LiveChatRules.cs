using System.Globalization;
using ChatSphere.GrainInterfaces.Chatbots;

namespace ChatSphere.Grains.Chatbots;

/// <summary>
/// Checks a bot's live-chat settings (each fault named by its JSON path under <c>liveChat</c>) and answers the
/// questions the conversation grain asks of them: is an agent's time now, does a message ask for a person.
/// </summary>
public static class LiveChatRules
{
    public const int MaxKeywords = 50;
    public const int MaxKeywordLength = 100;
    public const int MaxWindows = 50;
    public const int MaxIdleCloseMinutes = 60 * 24 * 30;

    public static void Validate(LiveChatSettings? settings, Action<string, string> fail)
    {
        if (settings is null)
        {
            return;
        }

        if (FindZone(settings.TimeZone) is null)
        {
            fail("liveChat.timeZone", "Must be an IANA time zone such as 'Europe/Berlin' or 'UTC'.");
        }

        var windows = settings.BusinessHours ?? [];
        if (windows.Count > MaxWindows)
        {
            fail("liveChat.businessHours", $"At most {MaxWindows} windows.");
        }

        for (var i = 0; i < Math.Min(windows.Count, MaxWindows); i++)
        {
            var w = windows[i];
            if (w is null || !Enum.IsDefined(w.Day))
            {
                fail($"liveChat.businessHours[{i}].day", "Must be a day of the week ('monday' to 'sunday').");
                continue;
            }

            var open = ParseTime(w.Open);
            var close = ParseTime(w.Close);
            if (open is null)
            {
                fail($"liveChat.businessHours[{i}].open", "Must be a time 'HH:mm' (00:00 to 23:59).");
            }

            if (close is null)
            {
                fail($"liveChat.businessHours[{i}].close", "Must be a time 'HH:mm' (00:01 to 24:00).");
            }
            else if (open is { } o && close <= o)
            {
                fail($"liveChat.businessHours[{i}].close", "Must be after 'open'.");
            }
        }

        if (settings.IdleCloseMinutes is < 0 or > MaxIdleCloseMinutes)
        {
            fail("liveChat.idleCloseMinutes", $"Must be 0 (never) to {MaxIdleCloseMinutes}.");
        }

        if (settings.OfflineMessage is null || settings.OfflineMessage.Trim().Length is 0 or > 1000)
        {
            fail("liveChat.offlineMessage", "Must be 1 to 1000 characters.");
        }

        var rules = settings.Handoff ?? new HandoffRules();
        if (rules.FallbackReplies is < 1 or > 20)
        {
            fail("liveChat.handoff.fallbackReplies", "Must be 1 to 20.");
        }

        var keywords = rules.Keywords ?? [];
        if (keywords.Count > MaxKeywords)
        {
            fail("liveChat.handoff.keywords", $"At most {MaxKeywords} keywords.");
        }
        else if (keywords.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > MaxKeywordLength))
        {
            fail("liveChat.handoff.keywords", $"Each keyword must be 1 to {MaxKeywordLength} characters.");
        }
        else if (rules.KeywordsEnabled && keywords.Count == 0)
        {
            fail("liveChat.handoff.keywords", "At least one keyword when the keyword rule is on.");
        }
    }

    /// <summary>Whether <paramref name="now"/> falls in the bot's business hours (always, when it has none).</summary>
    public static bool WithinBusinessHours(LiveChatSettings settings, DateTimeOffset now)
    {
        var windows = settings.BusinessHours ?? [];
        if (windows.Count == 0)
        {
            return true;
        }

        var zone = FindZone(settings.TimeZone) ?? TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var minute = local.Hour * 60 + local.Minute;
        return windows.Any(w => w.Day == local.DayOfWeek && ParseTime(w.Open) is { } open && ParseTime(w.Close) is { } close
            && minute >= open && minute < close);
    }

    /// <summary>Whether a visitor's message contains one of the keyword rule's keywords (when the rule is on).</summary>
    public static bool MatchesKeyword(HandoffRules rules, string text) =>
        rules.KeywordsEnabled && (rules.Keywords ?? []).Any(k => k.Trim().Length > 0 && text.Contains(k.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A time of day <c>HH:mm</c> as minutes after midnight (24:00 is 1440), or null.</summary>
    public static int? ParseTime(string? value)
    {
        if (value is "24:00")
        {
            return 24 * 60;
        }

        return TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.Hour * 60 + time.Minute
            : null;
    }

    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
