using Courier.Domain.Pipeline.Streams;

namespace Courier.Domain.Pipeline.Steps;

/// <summary>
/// Inserts a suffix before every line break (CRLF, LF or a lone CR) and after a last line that has
/// none. Works on bytes, so the text's encoding must keep CR/LF as single bytes (UTF-8, code pages).
/// </summary>
internal sealed class LineSuffixStream(Stream next, byte[] suffix) : WriteOnlyStream
{
    private bool _afterCarriageReturn;
    private bool _lineOpen;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var end = buffer.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                next.Write(buffer);
                _lineOpen = true;
                _afterCarriageReturn = false;
                return;
            }
            next.Write(buffer[..end]);
            // The suffix went in before the CR of a CRLF already, so its LF is written bare.
            if (!(buffer[end] == '\n' && _afterCarriageReturn && end == 0))
            {
                next.Write(suffix);
            }
            next.Write(buffer.Slice(end, 1));
            _afterCarriageReturn = buffer[end] == '\r';
            _lineOpen = false;
            buffer = buffer[(end + 1)..];
        }
    }

    public override void Flush() => next.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _lineOpen)
        {
            next.Write(suffix);
            _lineOpen = false;
        }
        base.Dispose(disposing);
    }
}
