using Courier.Domain.Delivery;
using Courier.Domain.Notifications;
using Courier.Domain.Reports;

namespace Courier.Functions.Runs;

/// <summary>What every step activity of a run gets: which run, and the run's snapshot.</summary>
public sealed record RunStepInput(RunTaskInput Run, RunSnapshot Snapshot)
{
    /// <summary>BuildReport: the report to build.</summary>
    public string? ReportName { get; init; }

    /// <summary>PlanDeliveries: what the reports produced.</summary>
    public IReadOnlyList<ReportBuildResult> Reports { get; init; } = [];

    /// <summary>Deliver: the delivery to make.</summary>
    public DeliveryItem? Delivery { get; init; }

    /// <summary>Notify: how the run ended.</summary>
    public RunSummary? Summary { get; init; }
}
