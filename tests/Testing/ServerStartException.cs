namespace Courier.Testing;

/// <summary>A server fixture could not start: the message names the server and quotes its own output.</summary>
public sealed class ServerStartException : Exception
{
    public ServerStartException(string message) : base(message)
    {
    }

    public ServerStartException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ServerStartException()
    {
    }
}
