using System.Text;

namespace ChatSphere.GrainInterfaces;

/// <summary>
/// The C0 control characters (U+0000 to U+001F) other than tab, line feed and carriage return, and DEL (U+007F). No text
/// ChatSphere stores may hold them: PostgreSQL refuses NUL in text outright, and the others only ever come from broken
/// or hostile input. Input typed by a caller is refused with a 400 naming the field; text extracted from files and web
/// pages has them stripped.
/// </summary>
public static class ControlCharacters
{
    public const string Problem = "Must not contain control characters (other than tab, line feed and carriage return).";

    public static bool IsForbidden(char c) => c is < '\u0020' and not ('\t' or '\n' or '\r') or '\u007f';

    public static bool Contains(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (IsForbidden(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="text"/> without the forbidden characters (the same instance when it has none).</summary>
    public static string Strip(string text)
    {
        if (!Contains(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsForbidden(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Null stays null; otherwise as <see cref="Strip(string)"/>.</summary>
    public static string? StripOrNull(string? text) => text is null ? null : Strip(text);
}
