using System.Text.RegularExpressions;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// Fills in a canned response's variables for one conversation: <c>{{visitor.name}}</c>, <c>{{visitor.email}}</c>,
/// <c>{{agent.name}}</c>, <c>{{bot.name}}</c> (spaces inside the braces allowed). A variable with no value becomes
/// its fallback (<c>there</c> for the visitor's name, empty otherwise); unknown variables stay as written.
/// </summary>
public static partial class CannedResponseRenderer
{
    public static string Render(string text, IReadOnlyDictionary<string, string?> values) =>
        Variable().Replace(text, match =>
        {
            var name = match.Groups[1].Value.ToLowerInvariant();
            if (!values.TryGetValue(name, out var value))
            {
                return match.Value;
            }

            return string.IsNullOrWhiteSpace(value) ? (name == "visitor.name" ? "there" : "") : value;
        });

    [GeneratedRegex(@"\{\{\s*([A-Za-z]+\.[A-Za-z]+)\s*\}\}")]
    private static partial Regex Variable();
}
