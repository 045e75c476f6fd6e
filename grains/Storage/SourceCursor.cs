using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Grains.Storage;

/// <summary>The opaque page cursor of source lists: the creation time and id of the last source shown.</summary>
internal readonly record struct SourceCursor(long CreatedAt, string SourceId)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        CreatedAt.ToString(CultureInfo.InvariantCulture) + ":" + SourceId));

    /// <summary>Null for the first page; a <see cref="ValidationFailedException"/> on "cursor" for anything this API did not hand out.</summary>
    public static SourceCursor? Decode(string? cursor)
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
                && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var createdAt)
                && GrainInterfaces.Ids.IsWellFormed(text[(colon + 1)..]))
            {
                return new SourceCursor(createdAt, text[(colon + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        throw new ValidationFailedException("cursor", "The cursor is not one this API returned.");
    }
}
