using System.Net;
using System.Net.Sockets;

namespace Courier.Testing;

/// <summary>
/// A loopback port that accepts connections and never says a word: a client stays stuck in its handshake
/// until it gives up by itself. Counts the connections still open, so a test can see a client let go.
/// </summary>
public sealed class SilentServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _accepted;
    private int _open;

    private SilentServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections whose client has not closed them yet.</summary>
    public int Open => Volatile.Read(ref _open);

    public static SilentServer Start() => new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Interlocked.Increment(ref _accepted);
            Interlocked.Increment(ref _open);
            _ = HoldAsync(client);
        }
    }

    /// <summary>Reads (and drops) whatever the client sends until it closes its side.</summary>
    private async Task HoldAsync(TcpClient client)
    {
        using (client)
        {
            var buffer = new byte[4096];
            try
            {
                var stream = client.GetStream();
                while (await stream.ReadAsync(buffer, _stop.Token) > 0)
                {
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // Reset by the client, or the server is stopping: either way the connection is over.
            }
        }
        Interlocked.Decrement(ref _open);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
