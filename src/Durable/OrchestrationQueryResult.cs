namespace Courier.Durable;

/// <summary>One page of a query; pass <see cref="ContinuationToken"/> back for the next page (null when done).</summary>
public sealed record OrchestrationQueryResult(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
