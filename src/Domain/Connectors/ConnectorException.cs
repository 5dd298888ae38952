namespace Courier.Domain.Connectors;

/// <summary>
/// A remote file system operation failed. The message names the endpoint (kind, host, port), the
/// operation and the path, and the server's reason; it is built only from those, never from settings,
/// so it cannot carry a password or key.
/// </summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(RemoteEndpoint endpoint, string operation, string path, string reason, Exception? innerException = null)
        : base($"{endpoint}: {operation} '{path}' failed: {reason}", innerException)
    {
        Endpoint = endpoint;
        Operation = operation;
        RemotePath = path;
    }

    public ConnectorException()
    {
        Endpoint = new RemoteEndpoint("unknown", "unknown");
        Operation = "";
        RemotePath = "";
    }

    public ConnectorException(string message) : base(message)
    {
        Endpoint = new RemoteEndpoint("unknown", "unknown");
        Operation = "";
        RemotePath = "";
    }

    public ConnectorException(string message, Exception innerException) : base(message, innerException)
    {
        Endpoint = new RemoteEndpoint("unknown", "unknown");
        Operation = "";
        RemotePath = "";
    }

    public RemoteEndpoint Endpoint { get; }

    public string Operation { get; }

    public string RemotePath { get; }
}
