using Courier.Domain.Connectors;

namespace Courier.Domain.Destinations;

/// <summary>
/// A delivery failed. The message says which destination (kind and name), which host, which operation
/// and why. It is composed from those parts only, never from settings, so no secret can appear in it.
/// </summary>
public sealed class DeliveryException : Exception
{
    public DeliveryException(string kind, string destination, string host, string operation, string reason, Exception? innerException = null)
        : base($"Delivery to {kind} destination '{destination}' ({host}) failed during {operation}: {reason}", innerException)
    {
        Kind = kind;
        Destination = destination;
        Host = host;
        Operation = operation;
    }

    public DeliveryException()
        : this("unknown", "unknown", "unknown", "unknown", "unknown")
    {
    }

    public DeliveryException(string message) : base(message)
    {
        Kind = Destination = Host = Operation = "unknown";
    }

    public DeliveryException(string message, Exception innerException) : base(message, innerException)
    {
        Kind = Destination = Host = Operation = "unknown";
    }

    public string Kind { get; }

    public string Destination { get; }

    public string Host { get; }

    public string Operation { get; }

    public static DeliveryException From(DestinationSettings settings, ConnectorException e) =>
        new(settings.Kind, settings.DisplayName, $"{e.Endpoint.Host}{(e.Endpoint.Port is null ? "" : $":{e.Endpoint.Port}")}", e.Operation,
            e.Message, e);
}
