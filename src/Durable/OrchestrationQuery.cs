namespace Courier.Durable;

/// <summary>Filters and paging for instance queries; every filter is optional.</summary>
public sealed record OrchestrationQuery
{
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    public string? Name { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    public string? InstanceIdPrefix { get; init; }

    public int PageSize { get; init; } = 100;

    public bool FetchInputsAndOutputs { get; init; }

    public string? ContinuationToken { get; init; }
}
