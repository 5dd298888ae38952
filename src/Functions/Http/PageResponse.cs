namespace Courier.Functions.Http;

/// <summary>A page of a list; send <see cref="ContinuationToken"/> back as <c>continuationToken</c> for the next (null: none).</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? ContinuationToken);
