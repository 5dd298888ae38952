using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Courier.Domain.Sources.Sql.PgWire;

/// <summary>
/// A PostgreSQL frontend/backend protocol 3.0 connection with only what a COPY export needs:
/// startup (<see cref="PgWireStartup"/>), one simple query, buffered message reads and a
/// CancelRequest. Everything is synchronous on a blocking socket, so a read that
/// waits for the server sleeps in the kernel instead of spinning.
/// </summary>
internal sealed class PgWireConnection : IDisposable
{
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
    private readonly Dictionary<string, string> _parameters = new(StringComparer.Ordinal);

    private PgWireConnection(Socket socket, IPEndPoint endPoint)
    {
        _socket = socket;
        _endPoint = endPoint;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    /// <summary>Socket reads so far.</summary>
    public long Reads => Volatile.Read(ref _reads);

    /// <summary>The session settings the server reported (ParameterStatus): <c>TimeZone</c>, <c>DateStyle</c>, <c>client_encoding</c>...</summary>
    public IReadOnlyDictionary<string, string> Parameters => _parameters;

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
            PgWireStartup.Run(connection, settings);
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
        Send(message);
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

    /// <summary>Reads one whole message, skipping notices and keeping parameter changes, which may come at any time.</summary>
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
                case (byte)'N':
                    continue;
                case (byte)'S':
                    var nameEnd = body.AsSpan().IndexOf((byte)0);
                    _parameters[Encoding.UTF8.GetString(body, 0, nameEnd)] = Encoding.UTF8.GetString(body.AsSpan(nameEnd + 1).TrimEnd((byte)0));
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

    /// <summary>Ends a read blocked on a server that no longer answers; safe from any thread.</summary>
    public void Abort()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
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

    /// <summary>Sends one or more whole messages.</summary>
    public void Send(ReadOnlySpan<byte> messages)
    {
        _stream.Write(messages);
        _stream.Flush();
    }

    /// <summary>The server's one-byte answer to SSLRequest, read past the buffer so none of the TLS handshake is taken.</summary>
    public byte ReadSslAnswer()
    {
        Span<byte> answer = stackalloc byte[1];
        _stream.ReadExactly(answer);
        return answer[0];
    }

    public void UpgradeToTls(string host)
    {
#pragma warning disable CA5359 // Prefer and Require promise encryption only, like libpq's sslmode; VerifyCA/VerifyFull never get here.
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
#pragma warning restore CA5359
        tls.AuthenticateAsClient(host);
        _stream = tls;
    }

    /// <summary>BackendKeyData: what a CancelRequest must quote.</summary>
    public void SetCancelKey(int processId, int secretKey) => (_processId, _secretKey) = (processId, secretKey);
}
