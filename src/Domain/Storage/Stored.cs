namespace Courier.Domain.Storage;

/// <summary>A stored document with the ETag that guards its next update.</summary>
public sealed record Stored<T>(T Value, string ETag, DateTimeOffset? Updated);
