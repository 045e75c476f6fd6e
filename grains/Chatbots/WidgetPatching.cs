using ChatSphere.GrainInterfaces.Chatbots;

namespace ChatSphere.Grains.Chatbots;

/// <summary>Applies a partial update to a widget's appearance; an empty text clears an optional member.</summary>
public static class WidgetPatching
{
    public static WidgetAppearance Apply(WidgetAppearance current, WidgetAppearancePatch? patch)
    {
        current ??= new WidgetAppearance();
        if (patch is null)
        {
            return current;
        }

        return current with
        {
            PrimaryColor = patch.PrimaryColor?.Trim() ?? current.PrimaryColor,
            Position = patch.Position?.Trim() ?? current.Position,
            OffsetX = patch.OffsetX ?? current.OffsetX,
            OffsetY = patch.OffsetY ?? current.OffsetY,
            LauncherIcon = patch.LauncherIcon?.Trim() ?? current.LauncherIcon,
            AvatarUrl = Optional(patch.AvatarUrl, current.AvatarUrl),
            Title = Optional(patch.Title, current.Title),
            Subtitle = Optional(patch.Subtitle, current.Subtitle),
            Placeholder = Optional(patch.Placeholder, current.Placeholder),
            Theme = patch.Theme?.Trim() ?? current.Theme,
            AutoOpenDelaySeconds = patch.AutoOpenDelaySeconds ?? current.AutoOpenDelaySeconds,
            Locale = patch.Locale?.Trim() ?? current.Locale,
        };
    }

    private static string? Optional(string? patched, string? current) =>
        patched is null ? current : string.IsNullOrWhiteSpace(patched) ? null : patched.Trim();
}
