using System.Net;
using System.Net.Sockets;
using Courier.Testing;

namespace Courier.Servers.Tests;

/// <summary>A server that cannot start must say which server failed and why, in its own words.</summary>
public sealed class BrokenStartTests
{
    [Fact]
    public async Task sshd_on_a_taken_port_fails_with_its_own_output()
    {
        using var taken = Hold(out var port);

        var error = await Assert.ThrowsAsync<ServerStartException>(() => SshServer.StartAsync(port));

        Assert.Contains("sshd", error.Message, StringComparison.Ordinal);
        Assert.Contains("Address already in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task vsftpd_on_a_taken_port_fails_with_its_own_output()
    {
        using var taken = Hold(out var port);

        var error = await Assert.ThrowsAsync<ServerStartException>(() => FtpServer.StartAsync(port));

        Assert.Contains("vsftpd", error.Message, StringComparison.Ordinal);
        Assert.Contains("could not bind listening IPv4 socket", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task postgres_on_a_taken_port_fails_with_its_own_output()
    {
        using var taken = Hold(out var port);

        var error = await Assert.ThrowsAsync<ServerStartException>(() => PostgresServer.StartAsync(port));

        Assert.Contains("postgres", error.Message, StringComparison.Ordinal);
        Assert.Contains("Address already in use", error.Message, StringComparison.Ordinal);
    }

    private static Socket Hold(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen();
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }
}
