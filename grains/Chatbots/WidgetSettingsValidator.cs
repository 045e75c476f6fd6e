using System.Text.RegularExpressions;
using ChatSphere.GrainInterfaces.Chatbots;

namespace ChatSphere.Grains.Chatbots;

/// <summary>Checks a bot's widget settings; reports each field at fault by its JSON path.</summary>
public static partial class WidgetSettingsValidator
{
    public static readonly IReadOnlyList<string> LauncherIcons = ["chat", "help", "sparkle"];
    public static readonly IReadOnlyList<string> LeadFields = ["name", "email", "phone", "company"];
    public static readonly IReadOnlyList<string> Locales = ["auto", "en", "de", "fr", "es", "zh", "ar"];

    public static void Validate(ChatbotSettings settings, Action<string, string> fail)
    {
        var w = settings.Widget;
        if (w is null)
        {
            fail("widget", "Is required.");
            return;
        }

        if (w.PrimaryColor is null || !HexColor().IsMatch(w.PrimaryColor))
        {
            fail("widget.primaryColor", "Must be a colour such as '#1d4ed8' or '#25e'.");
        }

        if (w.Position is not ("left" or "right"))
        {
            fail("widget.position", "Must be 'left' or 'right'.");
        }

        if (w.OffsetX is < 0 or > 200)
        {
            fail("widget.offsetX", "Must be between 0 and 200.");
        }

        if (w.OffsetY is < 0 or > 200)
        {
            fail("widget.offsetY", "Must be between 0 and 200.");
        }

        if (w.LauncherIcon is null || (!LauncherIcons.Contains(w.LauncherIcon) && !IsHttpsUrl(w.LauncherIcon)))
        {
            fail("widget.launcherIcon", $"Must be one of {string.Join(", ", LauncherIcons)} or an https URL of an image.");
        }

        if (w.AvatarUrl is not null && !IsHttpsUrl(w.AvatarUrl))
        {
            fail("widget.avatarUrl", "Must be an https URL of an image.");
        }

        MaxLength(w.Title, "widget.title", 80, fail);
        MaxLength(w.Subtitle, "widget.subtitle", 120, fail);
        MaxLength(w.Placeholder, "widget.placeholder", 120, fail);

        if (w.Theme is not ("light" or "dark" or "auto"))
        {
            fail("widget.theme", "Must be 'light', 'dark' or 'auto'.");
        }

        if (w.AutoOpenDelaySeconds is < 0 or > 3600)
        {
            fail("widget.autoOpenDelaySeconds", "Must be between 0 (never) and 3600.");
        }

        if (w.Locale is null || !Locales.Contains(w.Locale))
        {
            fail("widget.locale", $"Must be one of {string.Join(", ", Locales)}.");
        }

        var domains = settings.AllowedDomains ?? [];
        if (domains.Count > AllowedOrigin.MaxEntries)
        {
            fail("allowedDomains", $"At most {AllowedOrigin.MaxEntries} entries.");
        }
        else
        {
            for (var i = 0; i < domains.Count; i++)
            {
                if (AllowedOrigin.Parse(domains[i]) is null)
                {
                    fail($"allowedDomains[{i}]", "Must be a host such as 'example.com', '*.example.com' or 'https://shop.example.com:8443'.");
                }
            }
        }

        var lead = settings.LeadCapture;
        if (lead is null)
        {
            fail("leadCapture", "Is required.");
            return;
        }

        var fields = lead.Fields ?? [];
        if (fields.Any(f => !LeadFields.Contains(f)) || fields.Distinct().Count() != fields.Count)
        {
            fail("leadCapture.fields", $"Each field once, from: {string.Join(", ", LeadFields)}.");
        }

        MaxLength(lead.Title, "leadCapture.title", 200, fail);
    }

    private static void MaxLength(string? value, string field, int max, Action<string, string> fail)
    {
        if (value is { Length: var length } && length > max)
        {
            fail(field, $"Must be at most {max} characters.");
        }
    }

    private static bool IsHttpsUrl(string value) =>
        value.Length <= 2048 && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    [GeneratedRegex("^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
    private static partial Regex HexColor();
}
