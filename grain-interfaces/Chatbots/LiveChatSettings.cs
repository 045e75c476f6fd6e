namespace ChatSphere.GrainInterfaces.Chatbots;

/// <summary>
/// A chatbot's live-chat settings: whether visitors may ask for a person, which rules hand a conversation to the
/// agents, when agents are available, when idle conversations close, and what a visitor is told when nobody is there.
/// Shown and patched as one nested object (<c>liveChat</c>) on <c>GET|PATCH /api/v1/chatbots/{botId}</c>; see
/// docs/live-operations.md.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.LiveChatSettings")]
public sealed record LiveChatSettings
{
    public const string DefaultOfflineMessage = "Nobody is available right now. Leave your email and we will get back to you.";

    /// <summary>The widget offers "talk to a person" (the visitor's request for a person).</summary>
    [Id(0)] public bool TalkToHumanEnabled { get; init; } = true;
    [Id(1)] public HandoffRules Handoff { get; init; } = new();
    /// <summary>IANA time zone of <see cref="BusinessHours"/>, for example <c>Europe/Berlin</c>.</summary>
    [Id(2)] public string TimeZone { get; init; } = "UTC";
    /// <summary>When agents answer, in <see cref="TimeZone"/>. Empty: at any time.</summary>
    [Id(3)] public IReadOnlyList<BusinessHoursWindow> BusinessHours { get; init; } = [];
    /// <summary>Open conversations close after this many minutes without a message; 0 never.</summary>
    [Id(4)] public int IdleCloseMinutes { get; init; }
    /// <summary>Told to a visitor who asks for a person when none is available (the widget then offers an email field).</summary>
    [Id(5)] public string OfflineMessage { get; init; } = DefaultOfflineMessage;
}

/// <summary>The rules that hand a conversation to the agents (mode <c>waiting</c>); each can be switched on or off.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.HandoffRules")]
public sealed record HandoffRules
{
    /// <summary>The visitor asks for a person (the widget's button, or <c>RequestHuman</c>).</summary>
    [Id(0)] public bool VisitorAsks { get; init; } = true;
    /// <summary>Hand over after <see cref="FallbackReplies"/> fallback replies in a row.</summary>
    [Id(1)] public bool FallbackEnabled { get; init; }
    [Id(2)] public int FallbackReplies { get; init; } = 2;
    /// <summary>Hand over when the visitor rates a reply thumbs-down.</summary>
    [Id(3)] public bool ThumbsDown { get; init; }
    /// <summary>Hand over when a visitor's message contains one of <see cref="Keywords"/> (case-insensitive).</summary>
    [Id(4)] public bool KeywordsEnabled { get; init; }
    [Id(5)] public IReadOnlyList<string> Keywords { get; init; } = [];
}

/// <summary>One opening window of a week day, in the bot's time zone: <c>{ "day": "monday", "open": "09:00", "close": "17:00" }</c>.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.BusinessHoursWindow")]
public sealed record BusinessHoursWindow
{
    [Id(0)] public DayOfWeek Day { get; init; }
    /// <summary>Local opening time, <c>HH:mm</c>.</summary>
    [Id(1)] public string Open { get; init; } = "09:00";
    /// <summary>Local closing time, <c>HH:mm</c>, after <see cref="Open"/> (<c>24:00</c> for midnight).</summary>
    [Id(2)] public string Close { get; init; } = "17:00";
}

/// <summary>A partial update of <see cref="LiveChatSettings"/>: members left null stay as they are. Also the request body.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.LiveChatPatch")]
public sealed record LiveChatPatch
{
    [Id(0)] public bool? TalkToHumanEnabled { get; init; }
    [Id(1)] public HandoffRulesPatch? Handoff { get; init; }
    [Id(2)] public string? TimeZone { get; init; }
    /// <summary>Replaces the list (empty: at any time).</summary>
    [Id(3)] public IReadOnlyList<BusinessHoursWindow>? BusinessHours { get; init; }
    [Id(4)] public int? IdleCloseMinutes { get; init; }
    [Id(5)] public string? OfflineMessage { get; init; }

    public LiveChatSettings ApplyTo(LiveChatSettings current) => current with
    {
        TalkToHumanEnabled = TalkToHumanEnabled ?? current.TalkToHumanEnabled,
        Handoff = Handoff?.ApplyTo(current.Handoff ?? new HandoffRules()) ?? current.Handoff ?? new HandoffRules(),
        TimeZone = TimeZone ?? current.TimeZone,
        BusinessHours = BusinessHours ?? current.BusinessHours ?? [],
        IdleCloseMinutes = IdleCloseMinutes ?? current.IdleCloseMinutes,
        OfflineMessage = OfflineMessage ?? current.OfflineMessage,
    };
}

/// <summary>A partial update of <see cref="HandoffRules"/>.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.HandoffRulesPatch")]
public sealed record HandoffRulesPatch
{
    [Id(0)] public bool? VisitorAsks { get; init; }
    [Id(1)] public bool? FallbackEnabled { get; init; }
    [Id(2)] public int? FallbackReplies { get; init; }
    [Id(3)] public bool? ThumbsDown { get; init; }
    [Id(4)] public bool? KeywordsEnabled { get; init; }
    /// <summary>Replaces the list.</summary>
    [Id(5)] public IReadOnlyList<string>? Keywords { get; init; }

    public HandoffRules ApplyTo(HandoffRules current) => current with
    {
        VisitorAsks = VisitorAsks ?? current.VisitorAsks,
        FallbackEnabled = FallbackEnabled ?? current.FallbackEnabled,
        FallbackReplies = FallbackReplies ?? current.FallbackReplies,
        ThumbsDown = ThumbsDown ?? current.ThumbsDown,
        KeywordsEnabled = KeywordsEnabled ?? current.KeywordsEnabled,
        Keywords = Keywords ?? current.Keywords ?? [],
    };
}
