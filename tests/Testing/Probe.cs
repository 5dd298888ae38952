using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Courier.Testing;

/// <summary>
/// Readiness probes that check the protocol, not just an open port: an open port may belong to
/// someone else (which is exactly what a failed bind looks like), so each probe waits for the
/// server's own greeting with a short per-attempt timeout.
/// </summary>
public static class Probe
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>True when the server on <paramref name="port"/> greets with a line starting with <paramref name="prefix"/> (SSH, FTP, SMTP).</summary>
    public static async Task<bool> GreetsWithAsync(int port, string prefix, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(AttemptTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token);
            var buffer = new byte[prefix.Length];
            var read = 0;
            var stream = client.GetStream();
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), attempt.Token);
                if (n == 0)
                {
                    return false;
                }
                read += n;
            }
            return Encoding.ASCII.GetString(buffer) == prefix;
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>True when an SMB2 NEGOTIATE on <paramref name="port"/> gets an SMB2 reply (smbd sends no greeting of its own).</summary>
    public static async Task<bool> AnswersSmb2Async(int port, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(AttemptTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Smb2Negotiate(), attempt.Token);
            var reply = new byte[8];
            var read = 0;
            while (read < reply.Length)
            {
                var n = await stream.ReadAsync(reply.AsMemory(read), attempt.Token);
                if (n == 0)
                {
                    return false;
                }
                read += n;
            }
            // 4-byte NetBIOS session header, then the SMB2 protocol id 0xFE 'S' 'M' 'B'.
            return reply[4] == 0xFE && reply[5] == (byte)'S' && reply[6] == (byte)'M' && reply[7] == (byte)'B';
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private static byte[] Smb2Negotiate()
    {
        const int headerLength = 64;
        const int bodyLength = 36 + 2;
        var packet = new byte[4 + headerLength + bodyLength];
        var length = headerLength + bodyLength;
        packet[1] = (byte)(length >> 16);
        packet[2] = (byte)(length >> 8);
        packet[3] = (byte)length;
        var header = packet.AsSpan(4);
        header[0] = 0xFE;
        header[1] = (byte)'S';
        header[2] = (byte)'M';
        header[3] = (byte)'B';
        header[4] = headerLength; // StructureSize
        header[14] = 1; // CreditRequest; Command 0 is NEGOTIATE
        var body = packet.AsSpan(4 + headerLength);
        body[0] = 36; // StructureSize
        body[2] = 1; // DialectCount
        body[4] = 1; // SecurityMode: signing enabled
        body[36] = 0x02; // Dialect 0x0202 (SMB 2.0.2), little-endian
        body[37] = 0x02;
        return packet;
    }
}
