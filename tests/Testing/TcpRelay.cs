using System.Net;
using System.Net.Sockets;

namespace Courier.Testing;

/// <summary>
/// Forwards a loopback port to a real server's port: a server "comes back" when the relay starts on the
/// port its clients were refused on, with the same host key and files as before. With a request forwarder,
/// the client-to-server direction goes through it, so requests can be looked at on their way.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly Func<Stream, Stream, CancellationToken, Task> _forwardRequests;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private TcpRelay(int listenPort, int targetPort, Func<Stream, Stream, CancellationToken, Task> forwardRequests)
    {
        _listener = new TcpListener(IPAddress.Loopback, listenPort);
        _listener.Start();
        _targetPort = targetPort;
        _forwardRequests = forwardRequests;
        _accepting = AcceptAsync();
    }

    public static TcpRelay Start(int listenPort, int targetPort) =>
        new(listenPort, targetPort, (from, to, ct) => from.CopyToAsync(to, ct));

    /// <summary>A relay on a free port whose client-to-server bytes go through <paramref name="forwardRequests"/>.</summary>
    public static TcpRelay Start(int targetPort, Func<Stream, Stream, CancellationToken, Task> forwardRequests) =>
        new(0, targetPort, forwardRequests);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

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
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                client.NoDelay = true;
                server.NoDelay = true;
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                var inbound = client.GetStream();
                var outbound = server.GetStream();
                // Either side closing ends both directions.
                await Task.WhenAny(_forwardRequests(inbound, outbound, _stop.Token), outbound.CopyToAsync(inbound, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // A dropped connection is the client's to notice.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
