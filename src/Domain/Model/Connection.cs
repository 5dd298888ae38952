namespace Courier.Domain.Model;

/// <summary>A reusable connection to a database, file server, mail service, web service or PGP key.</summary>
public sealed record Connection : IResource
{
    /// <summary>Assigned on creation when empty.</summary>
    public Guid Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required ConnectionKind Kind { get; init; }

    public ConnectionSettings Settings { get; init; } = new();

    /// <summary>Plain text in memory only; the repository stores it encrypted, the API never returns it.</summary>
    public ConnectionSecrets Secrets { get; init; } = new();
}
