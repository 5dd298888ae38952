namespace Courier.Functions.Http;

/// <summary>The tasks a bulk enable or disable applies to.</summary>
public sealed record BulkRequest
{
    public required IReadOnlyList<Guid> Ids { get; init; }
}
