namespace ChatSphere.GrainInterfaces.Chatbots;

/// <summary>
/// A partial update of <see cref="WidgetAppearance"/> (the <c>widget</c> member of a chatbot's create and update
/// bodies): null members are left as they are; texts are trimmed.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.WidgetAppearancePatch")]
public sealed record WidgetAppearancePatch
{
    [Id(0)] public string? PrimaryColor { get; init; }
    [Id(1)] public string? Position { get; init; }
    [Id(2)] public int? OffsetX { get; init; }
    [Id(3)] public int? OffsetY { get; init; }
    [Id(4)] public string? LauncherIcon { get; init; }
    /// <summary>An empty string removes the avatar; so for title, subtitle and placeholder.</summary>
    [Id(5)] public string? AvatarUrl { get; init; }
    [Id(6)] public string? Title { get; init; }
    [Id(7)] public string? Subtitle { get; init; }
    [Id(8)] public string? Placeholder { get; init; }
    [Id(9)] public string? Theme { get; init; }
    [Id(10)] public int? AutoOpenDelaySeconds { get; init; }
    [Id(11)] public string? Locale { get; init; }

    /// <summary>The appearance with this patch's members in place of its own; an empty text clears an optional member.</summary>
    public WidgetAppearance ApplyTo(WidgetAppearance? current)
    {
        current ??= new WidgetAppearance();
        return current with
        {
            PrimaryColor = PrimaryColor?.Trim() ?? current.PrimaryColor,
            Position = Position?.Trim() ?? current.Position,
            OffsetX = OffsetX ?? current.OffsetX,
            OffsetY = OffsetY ?? current.OffsetY,
            LauncherIcon = LauncherIcon?.Trim() ?? current.LauncherIcon,
            AvatarUrl = Optional(AvatarUrl, current.AvatarUrl),
            Title = Optional(Title, current.Title),
            Subtitle = Optional(Subtitle, current.Subtitle),
            Placeholder = Optional(Placeholder, current.Placeholder),
            Theme = Theme?.Trim() ?? current.Theme,
            AutoOpenDelaySeconds = AutoOpenDelaySeconds ?? current.AutoOpenDelaySeconds,
            Locale = Locale?.Trim() ?? current.Locale,
        };
    }

    private static string? Optional(string? patched, string? current) =>
        patched is null ? current : string.IsNullOrWhiteSpace(patched) ? null : patched.Trim();
}
