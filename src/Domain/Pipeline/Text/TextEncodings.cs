using System.Text;

namespace Courier.Domain.Pipeline.Text;

/// <summary>Looks encodings up by name, including the legacy code pages (windows-1252, ...) that .NET only has once registered.</summary>
public static class TextEncodings
{
    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding called <paramref name="name"/>, or null when there is none.</summary>
    public static Encoding? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        try
        {
            return Encoding.GetEncoding(name.Trim());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The same encoding with or without its byte-order mark, and throwing on characters it cannot represent.</summary>
    public static Encoding WithPreamble(Encoding encoding, bool preamble)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return encoding.CodePage switch
        {
            65001 => new UTF8Encoding(preamble, throwOnInvalidBytes: true),
            1200 => new UnicodeEncoding(bigEndian: false, byteOrderMark: preamble, throwOnInvalidBytes: true),
            1201 => new UnicodeEncoding(bigEndian: true, byteOrderMark: preamble, throwOnInvalidBytes: true),
            12000 => new UTF32Encoding(bigEndian: false, byteOrderMark: preamble, throwOnInvalidCharacters: true),
            _ => Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
        };
    }

    /// <summary>Whether CR and LF are the single bytes 0x0D and 0x0A and never occur inside another character (UTF-8, single-byte code pages).</summary>
    public static bool IsAsciiCompatible(string? name) =>
        Find(name) is { } encoding && encoding.GetByteCount("\n") == 1 && (encoding.IsSingleByte || encoding.CodePage == 65001);
}
