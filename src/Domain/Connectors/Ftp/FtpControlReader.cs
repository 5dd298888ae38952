using System.Text;

namespace Courier.Domain.Connectors.Ftp;

/// <summary>
/// Reads replies from the control connection, including multi-line ones ("123-first … 123 last").
/// It reads byte by byte up to each line end so nothing past a reply is consumed: after AUTH TLS the
/// same socket continues as a TLS stream.
/// </summary>
internal sealed class FtpControlReader(Stream stream)
{
    private readonly byte[] _one = new byte[1];
    private readonly List<byte> _line = new(256);

    public async Task<FtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var first = await ReadLineAsync(cancellationToken);
        if (first.Length < 3 || !int.TryParse(first.AsSpan(0, 3), out var code))
        {
            throw new IOException($"The FTP server sent a malformed reply: '{Truncate(first)}'.");
        }
        if (first.Length < 4 || first[3] != '-')
        {
            return new FtpReply(code, first.Length > 4 ? first[4..] : "");
        }
        var text = new StringBuilder(first[4..]);
        var terminator = $"{first[..3]} ";
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            text.Append('\n').Append(line.StartsWith(terminator, StringComparison.Ordinal) ? line[4..] : line);
            if (line.StartsWith(terminator, StringComparison.Ordinal) || line == first[..3])
            {
                return new FtpReply(code, text.ToString());
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        while (true)
        {
            var read = await stream.ReadAsync(_one, cancellationToken);
            if (read == 0)
            {
                throw new IOException("The FTP server closed the control connection.");
            }
            if (_one[0] == '\n')
            {
                break;
            }
            if (_line.Count > 64 * 1024)
            {
                throw new IOException("The FTP server sent an over-long reply line.");
            }
            _line.Add(_one[0]);
        }
        var length = _line.Count > 0 && _line[^1] == '\r' ? _line.Count - 1 : _line.Count;
        return Encoding.UTF8.GetString([.. _line.Take(length)]);
    }

    private static string Truncate(string text) => text.Length > 80 ? text[..80] : text;
}
