namespace Courier.Domain.Model;

/// <summary>
/// An API key as stored: only a hash of the secret is kept; the plain key is shown once at creation.
/// (Issuing and checking keys belong to the host's auth; this is the shared shape.)
/// </summary>
public sealed record ApiKey
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    /// <summary>First characters of the key, to recognise it in lists.</summary>
    public required string Prefix { get; init; }

    /// <summary>SHA-256 of the key, hex.</summary>
    public required string Hash { get; init; }

    public IReadOnlyList<ApiKeyScope> Scopes { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public bool Enabled { get; init; } = true;
}
