using Courier.Domain.Model;

namespace Courier.Domain.Catalog;

/// <summary>A connection as it may be shown: settings, and for secrets only "set" / "not set".</summary>
public sealed record ConnectionView
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required ConnectionKind Kind { get; init; }

    public required ConnectionSettings Settings { get; init; }

    /// <summary>Named apart from the writable <c>secrets</c>, so a read-modify-write cannot store "set" as a password.</summary>
    public required SecretStatus SecretStatus { get; init; }

    public static ConnectionView Of(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new ConnectionView
        {
            Id = connection.Id,
            Name = connection.Name,
            Description = connection.Description,
            Kind = connection.Kind,
            Settings = connection.Settings,
            SecretStatus = SecretStatus.Of(connection.Secrets),
        };
    }
}
