using Azure;
using Courier.Domain.Destinations;
using Courier.Domain.Model;
using Courier.Domain.Pipeline.Storage;
using Courier.Domain.Reports;
using Courier.Domain.Secrets;
using Courier.Domain.Storage;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Delivery;

/// <summary>
/// Plans a run's deliveries (every file × destination, one item per email recipient, plus Hub
/// publications) and performs one of them through <see cref="DeliveryExecutor"/> exactly once: the key
/// <c>{run}:{file}:{target}</c> is the same on every retry of the run, so a repeated item is recognised.
/// </summary>
public sealed partial class RunDeliveries(
    TaskDestinationSettings destinations, RecipientAddresses recipients, StoredRunFiles files, DeliveryExecutor executor)
    : IRunDeliveries
{
    public async Task<IReadOnlyList<DeliveryItem>> PlanAsync(TaskDefinition task, Project project, IReadOnlyList<ReportBuildResult> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(reports);
        IReadOnlyList<string> emailTo = task.Destinations.Any(d => d.Kind == DestinationKind.Email)
            ? await recipients.AddressesAsync(task.RecipientIds, task.GroupIds, cancellationToken)
            : [];

        var items = new List<DeliveryItem>();
        foreach (var report in reports)
        {
            var publishes = task.Reports.FirstOrDefault(r => r.Name == report.ReportName)?.Hub is { Enabled: true };
            foreach (var file in report.Files)
            {
                for (var i = 0; i < task.Destinations.Count; i++)
                {
                    var kind = task.Destinations[i].Kind.ToString().ToLowerInvariant();
                    if (task.Destinations[i].Kind != DestinationKind.Email)
                    {
                        items.Add(new DeliveryItem(file.RunId, file, $"{kind} destination {i + 1}", Key(file, $"d{i}")) { DestinationIndex = i });
                        continue;
                    }
                    foreach (var address in emailTo)
                    {
                        items.Add(new DeliveryItem(file.RunId, file, $"{kind} destination {i + 1} to {address}", Key(file, $"d{i}:{address.ToLowerInvariant()}"))
                        {
                            DestinationIndex = i,
                            Recipient = address,
                        });
                    }
                }
                if (publishes)
                {
                    items.Add(new DeliveryItem(file.RunId, file, $"Hub report '{report.ReportName}'", Key(file, "hub")) { HubReport = report.ReportName });
                }
            }
        }
        return items;
    }

    public async Task<DeliveryReceipt> DeliverAsync(TaskDefinition task, Project project, DeliveryItem item, ILogger runLog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(runLog);
        DestinationReference destination;
        try
        {
            destination = await destinations.ResolveAsync(task, item, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or NotFoundException or SecretUnavailableException)
        {
            // These messages name connections, recipients and settings, never their values.
            var failure = new DeliveryException(KindOf(task, item), item.Target, "", "resolve the destination", e.Message, e);
            LogFailed(runLog, item.File.Name, item.Target, failure.Message);
            throw failure;
        }

        try
        {
            var request = new DeliveryRequest(item.RunId, item.IdempotencyKey, await OpenFileAsync(item, destination.Settings, cancellationToken), destination.Settings)
            {
                DestinationRef = destination.Ref,
                Variables = Variables(task, project, item),
                TestModeAddress = task.TestMode.Enabled ? task.TestMode.Address : null,
                TestModeSkipsOtherDestinations = task.TestMode.SkipOtherDestinations,
            };
            var receipt = await executor.ExecuteAsync(request, cancellationToken);
            LogDelivered(runLog, item.File.Name, item.Target, receipt.Outcome, receipt.Location, receipt.Bytes);
            return receipt;
        }
        catch (Exception e) when (e is DeliveryException or ArgumentException or KeyNotFoundException)
        {
            LogFailed(runLog, item.File.Name, item.Target, e.Message);
            throw e as DeliveryException ?? new DeliveryException(destination.Settings.Kind, destination.Settings.DisplayName, "", "deliver", e.Message, e);
        }
    }

    /// <summary>The run's stored output; its content type was set when it was written.</summary>
    private async Task<DeliveryFile> OpenFileAsync(DeliveryItem item, DestinationSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await files.OpenAsync(item.File, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new DeliveryException(settings.Kind, settings.DisplayName, "", "read the run's file", e.Message, e);
        }
        catch (RequestFailedException e)
        {
            throw new DeliveryException(settings.Kind, settings.DisplayName, files.Host, "read the run's file", $"'{item.File.Name}' cannot be read from storage ({e.Status} {e.ErrorCode})", e);
        }
    }

    /// <summary>What templates (email subject, body) may name; a resend fills them the same way.</summary>
    internal static Dictionary<string, object?> Variables(TaskDefinition task, Project project, DeliveryItem item) => new(StringComparer.Ordinal)
    {
        ["task_id"] = task.Id.ToString("D"),
        ["task_name"] = task.Name,
        ["project_id"] = project.Id.ToString("D"),
        ["project_name"] = project.Name,
        ["row_count"] = item.File.RowCount,
        ["recipient"] = item.Recipient,
    };

    private static string KindOf(TaskDefinition task, DeliveryItem item) =>
        item.HubReport is not null ? "hub"
        : item.DestinationIndex is { } i && i >= 0 && i < task.Destinations.Count ? task.Destinations[i].Kind.ToString().ToLowerInvariant()
        : "unknown";

    private static string Key(RunFile file, string target) => $"{file.RunId}:{file.Name}:{target}";

    [LoggerMessage(Level = LogLevel.Information, Message = "{File} to {Target}: {Outcome} ({Location}, {Bytes} bytes)")]
    private static partial void LogDelivered(ILogger logger, string file, string target, DeliveryOutcome outcome, string location, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "{File} to {Target} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string file, string target, string reason);
}
