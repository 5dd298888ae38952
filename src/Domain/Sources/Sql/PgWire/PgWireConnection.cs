using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Courier.Domain.Sources.Sql.PgWire;

/// <summary>
/// A PostgreSQL frontend/backend protocol 3.0 connection with only what a COPY export needs:
/// startup with trust, cleartext, MD5 or SCRAM-SHA-256 authentication, optional TLS, one simple
/// query, and buffered message reads. Everything is synchronous on a blocking socket, so a read that
/// waits for the server sleeps in the kernel instead of spinning.
/// </summary>
internal sealed class PgWireConnection : IDisposable
{
    private const int ProtocolVersion3 = 196608;
    private const int SslRequestCode = 80877103;
    private const int CancelRequestCode = 80877102;

    /// <summary>One socket read takes up to this much: many rows per system call.</summary>
    private const int BufferSize = 1 << 20;

    private readonly Socket _socket;
    private readonly IPEndPoint _endPoint;
    private Stream _stream;
    private byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;
    private int _processId;
    private int _secretKey;
    private long _reads;

    private PgWireConnection(Socket socket, IPEndPoint endPoint)
    {
        _socket = socket;
        _endPoint = endPoint;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    /// <summary>Socket reads so far.</summary>
    public long Reads => Volatile.Read(ref _reads);

    /// <summary>The unread bytes already received.</summary>
    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    public static PgWireConnection Open(PgWireSettings settings)
    {
        var (socket, endPoint) = Connect(settings);
        var connection = new PgWireConnection(socket, endPoint);
        try
        {
            // Startup may not hang longer than the connection's timeout; the COPY's own waits are
            // watched by the caller, which cancels the query when the server stalls.
            socket.ReceiveTimeout = settings.ConnectTimeoutSeconds * 1000;
            connection.NegotiateTls(settings);
            connection.Startup(settings);
            socket.ReceiveTimeout = 0;
            socket.SendTimeout = 0;
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void SendQuery(string sql)
    {
        var text = Encoding.UTF8.GetBytes(sql);
        var message = new byte[1 + 4 + text.Length + 1];
        message[0] = (byte)'Q';
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), message.Length - 1);
        text.CopyTo(message, 5);
        _stream.Write(message);
        _stream.Flush();
    }

    /// <summary>Asks the server, on a second connection, to cancel what this one is running.</summary>
    public void SendCancelRequest()
    {
        using var socket = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { SendTimeout = 5000, ReceiveTimeout = 5000 };
        socket.Connect(_endPoint);
        Span<byte> request = stackalloc byte[16];
        BinaryPrimitives.WriteInt32BigEndian(request, 16);
        BinaryPrimitives.WriteInt32BigEndian(request[4..], CancelRequestCode);
        BinaryPrimitives.WriteInt32BigEndian(request[8..], _processId);
        BinaryPrimitives.WriteInt32BigEndian(request[12..], _secretKey);
        socket.Send(request);
        // The server closes the connection once it has taken the request.
        socket.Receive(new byte[1]);
    }

    /// <summary>Reads one whole message, skipping notices and parameter changes, which may come at any time.</summary>
    public (byte Code, byte[] Body) ReadMessage()
    {
        while (true)
        {
            Ensure(5);
            var code = _buffer[_start];
            var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + 1)) - 4;
            Ensure(5 + length);
            var body = _buffer.AsSpan(_start + 5, length).ToArray();
            _start += 5 + length;
            switch (code)
            {
                case (byte)'N' or (byte)'S':
                    continue;
                case (byte)'E':
                    throw Error(body);
                default:
                    return (code, body);
            }
        }
    }

    /// <summary>Consumes <paramref name="count"/> buffered bytes.</summary>
    public void Advance(int count) => _start += count;

    /// <summary>Makes at least <paramref name="count"/> bytes buffered, reading from the server as needed.</summary>
    public void Ensure(int count)
    {
        if (_end - _start >= count)
        {
            return;
        }
        if (count > _buffer.Length)
        {
            var larger = new byte[count];
            Buffered.CopyTo(larger);
            (_end, _start, _buffer) = (_end - _start, 0, larger);
        }
        else if (_buffer.Length - _start < count)
        {
            Buffered.CopyTo(_buffer);
            (_end, _start) = (_end - _start, 0);
        }
        while (_end - _start < count)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                throw new PgWireException("08006", "The server closed the connection.");
            }
            _end += read;
            Volatile.Write(ref _reads, _reads + 1);
        }
    }

    public static PgWireException Error(ReadOnlySpan<byte> body)
    {
        string code = "XX000", message = "unknown error";
        while (body.Length > 1 && body[0] != 0)
        {
            var field = body[0];
            var end = body[1..].IndexOf((byte)0);
            var value = Encoding.UTF8.GetString(body.Slice(1, end));
            if (field == 'C')
            {
                code = value;
            }
            else if (field == 'M')
            {
                message = value;
            }
            body = body[(end + 2)..];
        }
        return new PgWireException(code, message);
    }

    public void Dispose()
    {
        try
        {
            // Terminate, then close: the server ends the backend, abandoning a COPY still running.
            _stream.Write([(byte)'X', 0, 0, 0, 4]);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The connection is already gone.
        }
        _stream.Dispose();
        _socket.Dispose();
    }

    private static (Socket Socket, IPEndPoint EndPoint) Connect(PgWireSettings settings)
    {
        var addresses = IPAddress.TryParse(settings.Host, out var literal) ? [literal] : Dns.GetHostAddresses(settings.Host);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var endPoint = new IPEndPoint(address, settings.Port);
            // On Linux the send timeout also bounds a blocking connect.
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            {
                NoDelay = true,
                SendTimeout = settings.ConnectTimeoutSeconds * 1000,
            };
            try
            {
                socket.Connect(endPoint);
                return (socket, endPoint);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private void NegotiateTls(PgWireSettings settings)
    {
        if (settings.SslMode == SslMode.Disable)
        {
            return;
        }
        Span<byte> request = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(request, 8);
        BinaryPrimitives.WriteInt32BigEndian(request[4..], SslRequestCode);
        _stream.Write(request);
        Span<byte> answer = stackalloc byte[1];
        _stream.ReadExactly(answer);
        if (answer[0] == 'S')
        {
            // Prefer and Require encrypt without checking the certificate, as libpq and Npgsql do;
            // the modes that check it go through Npgsql (see PgWireSettings).
#pragma warning disable CA5359 // Prefer and Require promise encryption only, like libpq's sslmode; VerifyCA/VerifyFull never get here.
            var tls = new SslStream(_stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
#pragma warning restore CA5359
            tls.AuthenticateAsClient(settings.Host);
            _stream = tls;
        }
        else if (settings.SslMode == SslMode.Require)
        {
            throw new PgWireUnsupportedException("The server does not offer TLS, which the connection requires.");
        }
    }

    private void Startup(PgWireSettings settings)
    {
        using (var message = new MemoryStream())
        {
            message.Write([0, 0, 0, 0]);
            message.Write(BigEndian(ProtocolVersion3));
            foreach (var (name, value) in settings.StartupParameters)
            {
                WriteCString(message, name);
                WriteCString(message, value);
            }
            message.WriteByte(0);
            var bytes = message.ToArray();
            BinaryPrimitives.WriteInt32BigEndian(bytes, bytes.Length);
            _stream.Write(bytes);
            _stream.Flush();
        }
        ScramSha256? scram = null;
        while (true)
        {
            var (code, body) = ReadMessage();
            switch (code)
            {
                case (byte)'R':
                    scram = Authenticate(settings, BinaryPrimitives.ReadInt32BigEndian(body), body.AsSpan(4), scram);
                    break;
                case (byte)'K':
                    _processId = BinaryPrimitives.ReadInt32BigEndian(body);
                    _secretKey = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(4));
                    break;
                case (byte)'Z':
                    return;
                case (byte)'v':
                    // NegotiateProtocolVersion: the server speaks an older minor version, which is fine.
                    break;
                default:
                    throw new PgWireException("08P01", $"Unexpected message '{(char)code}' during startup.");
            }
        }
    }

    private ScramSha256? Authenticate(PgWireSettings settings, int method, ReadOnlySpan<byte> data, ScramSha256? scram)
    {
        const int Ok = 0, Cleartext = 3, Md5 = 5, Sasl = 10, SaslContinue = 11, SaslFinal = 12;
        if (method == Ok)
        {
            return scram;
        }
        if (method is Cleartext or Md5 or Sasl && settings.Password is null)
        {
            throw new PgWireUnsupportedException("The server asks for a password and none was given.");
        }
        switch (method)
        {
            case Cleartext:
                SendPassword(Encoding.UTF8.GetBytes(settings.Password!));
                return null;
            case Md5:
                SendPassword(Encoding.ASCII.GetBytes(Md5Password(settings.Username, settings.Password!, data[..4])));
                return null;
            case Sasl:
                var mechanisms = Encoding.UTF8.GetString(data).Split('\0');
                if (!mechanisms.Contains(ScramSha256.Mechanism))
                {
                    throw new PgWireUnsupportedException("The server offers no SASL mechanism the wire client knows.");
                }
                scram = new ScramSha256(settings.Password!);
                SendSaslInitial(scram.ClientFirst());
                return scram;
            case SaslContinue when scram is not null:
                SendPassword(scram.ClientFinal(Encoding.UTF8.GetString(data)), terminate: false);
                return scram;
            case SaslFinal when scram is not null:
                scram.VerifyServerFinal(Encoding.UTF8.GetString(data));
                return scram;
            default:
                throw new PgWireUnsupportedException($"The server asks for authentication method {method}.");
        }
    }

#pragma warning disable CA5351 // PostgreSQL's md5 method is defined with MD5; the server chose it, not us.
    private static string Md5Password(string user, string password, ReadOnlySpan<byte> salt)
    {
        var inner = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(password + user)));
        var outer = Encoding.ASCII.GetBytes(inner).Concat(salt.ToArray()).ToArray();
        return "md5" + Convert.ToHexStringLower(MD5.HashData(outer));
    }
#pragma warning restore CA5351

    /// <summary>A PasswordMessage, also used for SASL responses (which carry no terminating zero).</summary>
    private void SendPassword(byte[] data, bool terminate = true)
    {
        var message = new byte[1 + 4 + data.Length + (terminate ? 1 : 0)];
        message[0] = (byte)'p';
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), message.Length - 1);
        data.CopyTo(message, 5);
        _stream.Write(message);
        _stream.Flush();
    }

    private void SendSaslInitial(byte[] clientFirst)
    {
        var mechanism = Encoding.ASCII.GetBytes(ScramSha256.Mechanism + "\0");
        var message = new byte[1 + 4 + mechanism.Length + 4 + clientFirst.Length];
        message[0] = (byte)'p';
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), message.Length - 1);
        mechanism.CopyTo(message, 5);
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(5 + mechanism.Length), clientFirst.Length);
        clientFirst.CopyTo(message, 5 + mechanism.Length + 4);
        _stream.Write(message);
        _stream.Flush();
    }

    private static byte[] BigEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static void WriteCString(Stream stream, string value)
    {
        stream.Write(Encoding.UTF8.GetBytes(value));
        stream.WriteByte(0);
    }
}
