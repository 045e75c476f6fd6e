using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Grains.Storage;

/// <summary>The opaque cursor of lists ordered by a time then an id, newest first: those of the last item shown.</summary>
internal readonly record struct PageCursor(long Time, string Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        Time.ToString(CultureInfo.InvariantCulture) + ":" + Id));

    /// <summary>Null for the first page; a <see cref="ValidationFailedException"/> on "cursor" for anything this API did not hand out.</summary>
    public static PageCursor? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0
                && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var time)
                && GrainInterfaces.Ids.IsWellFormed(text[(colon + 1)..]))
            {
                return new PageCursor(time, text[(colon + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        throw new ValidationFailedException("cursor", "The cursor is not one this API returned.");
    }
}
