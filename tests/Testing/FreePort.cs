using System.Net;
using System.Net.Sockets;

namespace Courier.Testing;

/// <summary>Finds TCP ports on 127.0.0.1 that nothing listens on, so parallel test runs never collide.</summary>
public static class FreePort
{
    /// <summary>Ports this process has handed out: a server given one may not have bound it yet, so it looks free.</summary>
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A free port below Linux's ephemeral range. A port the kernel hands out for binding port 0 lies inside that range,
    /// where any outgoing connection (the suite makes thousands) may take it as its local port before the server binds
    /// it: CI saw maildev fail with EADDRINUSE that way.
    /// </summary>
    public static int Next() => NextRange(1);

    /// <summary>
    /// The first of <paramref name="count"/> consecutive free ports (an FTP passive range). Taken
    /// below Linux's ephemeral range (32768+) so outgoing connections do not wander into it, and
    /// from a random start so parallel test processes rarely try the same block.
    /// </summary>
    public static int NextRange(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var start = Random.Shared.Next(20000, 32000 - count);
            lock (HandedOut)
            {
                if (Enumerable.Range(start, count).All(p => !HandedOut.Contains(p) && IsFree(p)))
                {
                    HandedOut.UnionWith(Enumerable.Range(start, count));
                    return start;
                }
            }
        }
        throw new InvalidOperationException($"No {count} consecutive free ports found between 20000 and 32000.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>True when something accepts connections on the port (a readiness probe).</summary>
    public static async Task<bool> IsOpenAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
