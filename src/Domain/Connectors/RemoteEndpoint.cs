namespace Courier.Domain.Connectors;

/// <summary>Where a connector talks to, as shown in errors and receipts. Holds no credentials by construction.</summary>
public sealed record RemoteEndpoint(string Kind, string Host, int? Port = null)
{
    public override string ToString() => Port is null ? $"{Kind}://{Host}" : $"{Kind}://{Host}:{Port}";
}
