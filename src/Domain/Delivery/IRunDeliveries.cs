using Courier.Domain.Destinations;
using Courier.Domain.Model;
using Courier.Domain.Reports;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Delivery;

/// <summary>
/// The second half of a run: which deliveries the produced files owe (every file × destination ×
/// recipient, plus Hub publications of reports that publish), and doing one of them exactly once
/// (connection and secrets resolved at delivery time, test mode and "don't send empty" applied).
/// </summary>
public interface IRunDeliveries
{
    Task<IReadOnlyList<DeliveryItem>> PlanAsync(TaskDefinition task, Project project, IReadOnlyList<ReportBuildResult> reports, CancellationToken cancellationToken);

    /// <summary>Throws a <see cref="DeliveryException"/> naming the destination, host and what failed (never a secret).</summary>
    Task<DeliveryReceipt> DeliverAsync(TaskDefinition task, Project project, DeliveryItem item, ILogger runLog, CancellationToken cancellationToken);
}
