using System.Net;
using System.Net.Sockets;

namespace Courier.Sources.Tests;

/// <summary>
/// Forwards a loopback port to a real server until <see cref="Freeze"/>: from then on it keeps every
/// connection open and accepts new ones but passes no byte on, like a server host that lost its network.
/// </summary>
public sealed class FreezingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private readonly Task _accepting;
    private volatile bool _frozen;

    private FreezingRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static FreezingRelay Start(int targetPort) => new(targetPort);

    public void Freeze() => _frozen = true;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                lock (_clients)
                {
                    _clients.Add(client);
                    _clients.Add(server);
                }
                if (!_frozen)
                {
                    await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                    _ = PassAsync(client.GetStream(), server.GetStream());
                    _ = PassAsync(server.GetStream(), client.GetStream());
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task PassAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[1 << 16];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (_frozen)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A dropped connection is the client's to notice.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        lock (_clients)
        {
            _clients.ForEach(client => client.Dispose());
        }
        _stop.Dispose();
    }
}
