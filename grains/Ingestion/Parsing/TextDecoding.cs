using System.Text;

namespace ChatSphere.Grains.Ingestion.Parsing;

/// <summary>
/// Bytes to text: a byte-order mark or a declared charset wins; otherwise strict UTF-8, and text that is not valid
/// UTF-8 is read as Windows-1252 (the usual legacy encoding of Western text). Binary content is refused.
/// </summary>
public static class TextDecoding
{
    private const int SniffBytes = 8 * 1024;

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(ReadOnlySpan<byte> bytes, string? charset = null)
    {
        if (LooksBinary(bytes))
        {
            throw new IngestionException("The content is binary, not text (wrong file type or extension?).");
        }

        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith(Encoding.Unicode.Preamble))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith(Encoding.BigEndianUnicode.Preamble))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        if (charset is { Length: > 0 } && TryGetEncoding(charset) is { } declared && declared.CodePage != Encoding.UTF8.CodePage)
        {
            return declared.GetString(bytes);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    /// <summary>NUL bytes, or many control characters, in the first few kilobytes (UTF-16 text has a BOM and is let through).</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Encoding.Unicode.Preamble) || bytes.StartsWith(Encoding.BigEndianUnicode.Preamble))
        {
            return false;
        }

        var sample = bytes[..Math.Min(bytes.Length, SniffBytes)];
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return true;
            }

            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0C)
            {
                control++;
            }
        }

        return sample.Length > 0 && control * 10 > sample.Length;
    }

    private static Encoding? TryGetEncoding(string charset)
    {
        try
        {
            return Encoding.GetEncoding(charset.Trim().Trim('"'));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
