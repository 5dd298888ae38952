using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace Courier.Domain.Connectors.Ftp;

/// <summary>
/// A small FTP / explicit-FTPS client over sockets and SslStream (FtpWebRequest sends FTPS data in
/// clear text on .NET 10, and no FTP package is available). Passive mode only (EPSV, then PASV),
/// binary transfers, TLS on the data connections when the control connection is TLS (PROT P).
/// One command at a time: a client is not shared between concurrent operations.
/// </summary>
internal sealed partial class FtpClient : IAsyncDisposable
{
    private readonly FtpSettings _settings;
    private readonly TcpClient _control;
    private readonly IPAddress _serverAddress;
    private Stream _stream;
    private FtpControlReader _reader;
    private bool _tls;
    private bool _mlsd;

    private FtpClient(FtpSettings settings, TcpClient control)
    {
        _settings = settings;
        _control = control;
        _serverAddress = ((IPEndPoint)control.Client.RemoteEndPoint!).Address;
        _stream = control.GetStream();
        _reader = new FtpControlReader(_stream);
    }

    /// <summary>The login directory, to which relative paths are resolved.</summary>
    public string HomeDirectory { get; private set; } = "/";

    public static async Task<FtpClient> ConnectAsync(FtpSettings settings, CancellationToken cancellationToken)
    {
        var control = new TcpClient { NoDelay = true };
        FtpClient? client = null;
        try
        {
            using (var timeout = Timeout(settings, cancellationToken))
            {
                await control.ConnectAsync(settings.Host, settings.Port, timeout.Token);
            }
            client = new FtpClient(settings, control);
            await client.ExpectAsync(null, "greeting", cancellationToken);
            if (settings.Security == FtpSecurity.ExplicitTls)
            {
                await client.ExpectAsync("AUTH TLS", "AUTH TLS", cancellationToken);
                client._stream = await client.AuthenticateAsync(client._stream, cancellationToken);
                client._reader = new FtpControlReader(client._stream);
                client._tls = true;
            }
            var user = await client.SendAsync($"USER {settings.Username}", "USER", cancellationToken);
            if (user.Code == 331)
            {
                await client.ExpectAsync($"PASS {settings.Password?.Reveal()}", "PASS", cancellationToken);
            }
            else if (!user.IsSuccess)
            {
                throw new FtpReplyException("USER", user.Code, user.Text);
            }
            if (client._tls)
            {
                await client.ExpectAsync("PBSZ 0", "PBSZ", cancellationToken);
                await client.ExpectAsync("PROT P", "PROT", cancellationToken);
            }
            await client.ExpectAsync("TYPE I", "TYPE", cancellationToken);
            var features = await client.SendAsync("FEAT", "FEAT", cancellationToken);
            client._mlsd = features.IsSuccess && features.Text.Contains("MLST", StringComparison.OrdinalIgnoreCase);
            var pwd = await client.ExpectAsync("PWD", "PWD", cancellationToken);
            client.HomeDirectory = ParseQuoted(pwd.Text) ?? "/";
            return client;
        }
        catch
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
            else
            {
                control.Dispose();
            }
            throw;
        }
    }

    /// <summary>Size in bytes, or null when the path is not a file (550).</summary>
    public async Task<long?> SizeAsync(string path, CancellationToken cancellationToken)
    {
        var reply = await SendAsync($"SIZE {path}", "SIZE", cancellationToken);
        if (reply.Code == 213 && long.TryParse(reply.Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return size;
        }
        if (reply.Code is 550 or 450)
        {
            return null;
        }
        throw new FtpReplyException("SIZE", reply.Code, reply.Text);
    }

    public async Task<DateTimeOffset?> ModifiedAsync(string path, CancellationToken cancellationToken)
    {
        var reply = await SendAsync($"MDTM {path}", "MDTM", cancellationToken);
        return reply.Code == 213 ? ParseTimestamp(reply.Text.Trim()) : null;
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var reply = await SendAsync($"DELE {path}", "DELE", cancellationToken);
        if (!reply.IsSuccess && reply.Code != 550)
        {
            throw new FtpReplyException("DELE", reply.Code, reply.Text);
        }
    }

    public async Task RenameAsync(string source, string target, CancellationToken cancellationToken)
    {
        await ExpectAsync($"RNFR {source}", "RNFR", cancellationToken);
        await ExpectAsync($"RNTO {target}", "RNTO", cancellationToken);
    }

    public async Task CreateDirectoriesAsync(string path, CancellationToken cancellationToken)
    {
        foreach (var directory in RemotePath.Ancestry(path))
        {
            // An existing directory answers 550 too; whether the last one exists is checked below.
            await SendAsync($"MKD {directory}", "MKD", cancellationToken);
        }
        await ExpectAsync($"CWD {path}", "CWD", cancellationToken);
        await ExpectAsync($"CWD {HomeDirectory}", "CWD", cancellationToken);
    }

    public async Task<IReadOnlyList<RemoteFileInfo>> ListAsync(string directory, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        await using (var data = await OpenDataAsync(_mlsd ? $"MLSD {directory}" : $"LIST {directory}", _mlsd ? "MLSD" : "LIST", cancellationToken))
        {
            using var text = new StreamReader(data, Encoding.UTF8, leaveOpen: true);
            while (await text.ReadLineAsync(cancellationToken) is { } line)
            {
                lines.Add(line);
            }
            await data.FinishAsync(cancellationToken);
        }
        var files = new List<RemoteFileInfo>();
        foreach (var line in lines)
        {
            var file = _mlsd ? ParseMlsd(line, directory) : ParseList(line, directory);
            if (file is not null)
            {
                files.Add(file);
            }
        }
        return files;
    }

    /// <summary>Sends a transfer command (RETR, STOR, LIST, …) on a new passive data connection.</summary>
    public async Task<FtpDataStream> OpenDataAsync(string command, string verb, CancellationToken cancellationToken)
    {
        var port = await PassivePortAsync(cancellationToken);
        var data = new TcpClient { NoDelay = false, SendBufferSize = 1 << 20, ReceiveBufferSize = 1 << 20 };
        try
        {
            using (var timeout = Timeout(_settings, cancellationToken))
            {
                await data.ConnectAsync(_serverAddress, port, timeout.Token);
            }
            var reply = await SendAsync(command, verb, cancellationToken);
            if (!reply.IsPreliminary)
            {
                throw new FtpReplyException(verb, reply.Code, reply.Text);
            }
            Stream stream = data.GetStream();
            if (_tls)
            {
                stream = await AuthenticateAsync(stream, cancellationToken);
            }
            return new FtpDataStream(this, data, stream, verb);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>The reply that ends a transfer (226), read after the data connection is closed.</summary>
    internal async Task<FtpReply> ReadTransferReplyAsync(string verb, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(_settings, cancellationToken);
        var reply = await _reader.ReadReplyAsync(timeout.Token);
        if (!reply.IsSuccess)
        {
            throw new FtpReplyException(verb, reply.Code, reply.Text);
        }
        return reply;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_control.Connected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await WriteLineAsync("QUIT", quick.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing anyway.
        }
        await _stream.DisposeAsync();
        _control.Dispose();
    }

    private async Task<int> PassivePortAsync(CancellationToken cancellationToken)
    {
        var epsv = await SendAsync("EPSV", "EPSV", cancellationToken);
        if (epsv.Code == 229)
        {
            var match = EpsvPattern().Match(epsv.Text);
            if (match.Success)
            {
                return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }
        // The address in a PASV reply is ignored: the data connection goes where the control one went.
        var pasv = await ExpectAsync("PASV", "PASV", cancellationToken);
        var numbers = PasvPattern().Match(pasv.Text);
        if (!numbers.Success)
        {
            throw new IOException($"The FTP server's PASV reply could not be read: '{pasv.Text}'.");
        }
        return (int.Parse(numbers.Groups[5].Value, CultureInfo.InvariantCulture) * 256) + int.Parse(numbers.Groups[6].Value, CultureInfo.InvariantCulture);
    }

    private async Task<SslStream> AuthenticateAsync(Stream inner, CancellationToken cancellationToken)
    {
        var pin = _settings.CertificateSha256?.Replace(":", "", StringComparison.Ordinal);
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (pin is not null && certificate is not null
                && string.Equals(Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())), pin, StringComparison.OrdinalIgnoreCase)));
        using var timeout = Timeout(_settings, cancellationToken);
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = _settings.Host,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, timeout.Token);
        }
        catch (AuthenticationException e)
        {
            await ssl.DisposeAsync();
            throw new IOException($"TLS negotiation failed: {e.Message}", e);
        }
        return ssl;
    }

    private async Task<FtpReply> ExpectAsync(string? command, string verb, CancellationToken cancellationToken)
    {
        var reply = command is null ? await ReadAsync(cancellationToken) : await SendAsync(command, verb, cancellationToken);
        if (!reply.IsSuccess)
        {
            throw new FtpReplyException(verb, reply.Code, reply.Text);
        }
        return reply;
    }

    /// <summary>Sends a command and returns its reply. <paramref name="verb"/> is what errors may show (never PASS's argument).</summary>
    private async Task<FtpReply> SendAsync(string command, string verb, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(_settings, cancellationToken);
        await WriteLineAsync(command, timeout.Token);
        return await _reader.ReadReplyAsync(timeout.Token);
    }

    private async Task<FtpReply> ReadAsync(CancellationToken cancellationToken)
    {
        using var timeout = Timeout(_settings, cancellationToken);
        return await _reader.ReadReplyAsync(timeout.Token);
    }

    private async Task WriteLineAsync(string command, CancellationToken cancellationToken)
    {
        if (command.Contains('\r', StringComparison.Ordinal) || command.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("FTP commands and paths cannot contain line breaks.", nameof(command));
        }
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(command + "\r\n"), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    private static CancellationTokenSource Timeout(FtpSettings settings, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(settings.Timeout);
        return source;
    }

    private static string? ParseQuoted(string text)
    {
        var start = text.IndexOf('"', StringComparison.Ordinal);
        var end = text.LastIndexOf('"');
        return start >= 0 && end > start ? text[(start + 1)..end].Replace("\"\"", "\"", StringComparison.Ordinal) : null;
    }

    private static DateTimeOffset? ParseTimestamp(string value) =>
        DateTime.TryParseExact(value.Length > 14 ? value[..14] : value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? new DateTimeOffset(time, TimeSpan.Zero)
            : null;

    private static RemoteFileInfo? ParseMlsd(string line, string directory)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return null;
        }
        var facts = line[..space].Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .Where(f => f.Length == 2)
            .ToDictionary(f => f[0].ToLowerInvariant(), f => f[1], StringComparer.Ordinal);
        if (!facts.TryGetValue("type", out var type) || !type.Equals("file", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var name = line[(space + 1)..];
        var size = facts.TryGetValue("size", out var s) ? long.Parse(s, CultureInfo.InvariantCulture) : 0;
        var modified = facts.TryGetValue("modify", out var m) ? ParseTimestamp(m) : null;
        return new RemoteFileInfo(name, RemotePath.Combine(directory, name), size, modified);
    }

    /// <summary>A Unix "ls -l" line (vsftpd has no MLSD): regular files only.</summary>
    private static RemoteFileInfo? ParseList(string line, string directory)
    {
        var match = ListPattern().Match(line);
        if (!match.Success || match.Groups["type"].Value != "-")
        {
            return null;
        }
        var name = match.Groups["name"].Value;
        var size = long.Parse(match.Groups["size"].Value, CultureInfo.InvariantCulture);
        var when = match.Groups["when"].Value;
        var modified = DateTime.TryParseExact(when, ["MMM d HH:mm", "MMM d yyyy", "MMM dd HH:mm", "MMM dd yyyy"], CultureInfo.InvariantCulture,
            DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? new DateTimeOffset(time, TimeSpan.Zero)
            : (DateTimeOffset?)null;
        return new RemoteFileInfo(name, RemotePath.Combine(directory, name), size, modified);
    }

    [GeneratedRegex(@"\(\|\|\|(\d+)\|\)")]
    private static partial Regex EpsvPattern();

    [GeneratedRegex(@"(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)")]
    private static partial Regex PasvPattern();

    [GeneratedRegex(@"^(?<type>[-dlcbps])\S{9}\S*\s+\d+\s+\S+\s+\S+\s+(?<size>\d+)\s+(?<when>\w{3}\s+\d{1,2}\s+(\d{1,2}:\d{2}|\d{4}))\s(?<name>.+)$")]
    private static partial Regex ListPattern();
}
