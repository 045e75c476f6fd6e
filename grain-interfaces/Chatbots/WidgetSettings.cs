namespace ChatSphere.GrainInterfaces.Chatbots;

/// <summary>How a bot's chat widget looks and behaves on its customers' pages. Public: the widget reads it.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.WidgetAppearance")]
public sealed record WidgetAppearance
{
    /// <summary>Brand colour as #rgb or #rrggbb; text on it is chosen for contrast.</summary>
    [Id(0)] public string PrimaryColor { get; init; } = "#1d4ed8";
    /// <summary><c>right</c> or <c>left</c>: the corner the launcher sits in.</summary>
    [Id(1)] public string Position { get; init; } = "right";
    /// <summary>Distance from the side, in CSS pixels (0 to 200).</summary>
    [Id(2)] public int OffsetX { get; init; } = 20;
    /// <summary>Distance from the bottom, in CSS pixels (0 to 200).</summary>
    [Id(3)] public int OffsetY { get; init; } = 20;
    /// <summary>A built-in icon (<c>chat</c>, <c>help</c>, <c>sparkle</c>) or an https URL of an image.</summary>
    [Id(4)] public string LauncherIcon { get; init; } = "chat";
    /// <summary>An https URL of the bot's avatar, shown in the panel header.</summary>
    [Id(5)] public string? AvatarUrl { get; init; }
    /// <summary>Panel title; the bot's name when empty.</summary>
    [Id(6)] public string? Title { get; init; }
    [Id(7)] public string? Subtitle { get; init; }
    /// <summary>Input placeholder; a localised default when empty.</summary>
    [Id(8)] public string? Placeholder { get; init; }
    /// <summary><c>light</c>, <c>dark</c> or <c>auto</c> (the visitor's system setting).</summary>
    [Id(9)] public string Theme { get; init; } = "light";
    /// <summary>Opens the panel by itself this many seconds after the page loads, once per visitor; 0 never.</summary>
    [Id(10)] public int AutoOpenDelaySeconds { get; init; }
    /// <summary>The widget's language (<c>en</c>, <c>de</c>, <c>fr</c>, <c>es</c>, <c>zh</c>, <c>ar</c>) or <c>auto</c> (the browser's).</summary>
    [Id(11)] public string Locale { get; init; } = "auto";
}

/// <summary>An optional form the widget shows before the first message; the answers are kept with the conversation.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.LeadCaptureSettings")]
public sealed record LeadCaptureSettings
{
    [Id(0)] public bool Enabled { get; init; }
    /// <summary>Which fields to ask for, in order: <c>name</c>, <c>email</c>, <c>phone</c>, <c>company</c>; an enabled
    /// form without fields asks for name and email. (Empty by default: the JSON grain storage keeps a non-empty
    /// default list instead of the stored one.)</summary>
    [Id(1)] public IReadOnlyList<string> Fields { get; init; } = [];
    /// <summary>The form's heading; a localised default when empty.</summary>
    [Id(2)] public string? Title { get; init; }
}
