using System.Net;
using Courier.Domain.Connectors;
using Courier.Domain.Destinations;
using Courier.Domain.Destinations.Blob;
using Courier.Domain.Destinations.Email;
using Courier.Domain.Destinations.Ftp;
using Courier.Domain.Destinations.Hub;
using Courier.Domain.Destinations.Sftp;
using Courier.Domain.Destinations.Smb;
using Courier.Domain.Model;
using Courier.Domain.Storage;

namespace Courier.Domain.Delivery;

/// <summary>
/// Turns one planned <see cref="DeliveryItem"/> back into destination settings at delivery time: the
/// task's destination with its connection and secrets read now (so a plan in orchestration history holds
/// none), or the report's Hub publication with the recipients and groups allowed to see it.
/// </summary>
public sealed class TaskDestinationSettings(ConnectionRepository connections, RecipientAddresses recipients)
{
    public async Task<DestinationReference> ResolveAsync(TaskDefinition task, DeliveryItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(item);
        if (item.HubReport is { } reportName)
        {
            return new DestinationReference($"{task.Id:D}/hub/{reportName}", await HubAsync(task, reportName, cancellationToken));
        }
        if (item.DestinationIndex is not { } index || index < 0 || index >= task.Destinations.Count)
        {
            throw new ArgumentException($"Delivery '{item.Target}' names no destination of task '{task.Name}'.", nameof(item));
        }

        var destination = task.Destinations[index];
        var connection = (await connections.GetAsync(destination.ConnectionId, cancellationToken))?.Value
            ?? throw new KeyNotFoundException($"The connection of {item.Target} no longer exists.");
        DestinationSettings settings = destination.Kind switch
        {
            DestinationKind.Sftp => Files(new SftpDestinationSettings(ConnectorSettings.Sftp(connection)), destination),
            DestinationKind.Ftp => Files(new FtpDestinationSettings(ConnectorSettings.Ftp(connection)), destination),
            DestinationKind.Smb => Files(new SmbDestinationSettings(ConnectorSettings.Smb(connection)), destination),
            DestinationKind.Blob => Files(new BlobDestinationSettings(ConnectorSettings.Blob(connection)), destination),
            DestinationKind.Email => Email(connection, destination, item),
            _ => throw new ArgumentException($"Destination kind {destination.Kind} is not supported.", nameof(item)),
        };
        var reference = item.Recipient is null ? $"{task.Id:D}/d{index}" : $"{task.Id:D}/d{index}/{item.Recipient}";
        return new DestinationReference(reference, settings with { Name = connection.Name, SkipEmptyFile = destination.SkipEmpty });
    }

    /// <summary>
    /// The destination a delivery record's reference names (resend to the original destinations), with today's
    /// connection and secrets; null when the task no longer has that destination or report.
    /// </summary>
    public async Task<DestinationSettings?> ResolveReferenceAsync(TaskDefinition task, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(reference);
        var parts = reference.Split('/', 3);
        if (parts.Length < 2 || parts[0] != task.Id.ToString("D"))
        {
            return null;
        }
        DeliveryItem? item = parts switch
        {
            [_, "hub", var report] when task.Reports.Any(r => r.Name == report && r.Hub is { Enabled: true }) => Item(reference) with { HubReport = report },
            [_, var d, ..] when d.StartsWith('d') && int.TryParse(d.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture, out var index) && index < task.Destinations.Count =>
                Item(reference) with { DestinationIndex = index, Recipient = parts.Length == 3 ? parts[2] : null },
            _ => null,
        };
        return item is null ? null : (await ResolveAsync(task, item, cancellationToken)).Settings;
    }

    private static DeliveryItem Item(string reference) => new("", new Pipeline.Storage.RunFile("", "", 0, "", "", "", 0, false), reference, reference);

    private static FileSystemDestinationSettings Files(FileSystemDestinationSettings settings, Destination destination) =>
        settings with
        {
            Directory = destination.Folder?.Trim('/') ?? "",
            Overwrite = destination.Overwrite switch
            {
                Model.OverwritePolicy.Fail => Destinations.OverwritePolicy.FailIfExists,
                Model.OverwritePolicy.AutoIncrement => Destinations.OverwritePolicy.AutoIncrement,
                _ => Destinations.OverwritePolicy.Overwrite,
            },
        };

    /// <summary>One recipient per item: test mode then sends one message per original recipient, and a retry resends to nobody else.</summary>
    private static EmailDestinationSettings Email(Connection connection, Destination destination, DeliveryItem item)
    {
        var options = destination.Email ?? new EmailOptions();
        var settings = new EmailDestinationSettings(ConnectorSettings.Email(connection))
        {
            To = [item.Recipient ?? throw new ArgumentException($"Delivery '{item.Target}' has no recipient.", nameof(item))],
            FileMode = options.Mode == EmailDeliveryMode.Embed ? EmailFileMode.Embed : EmailFileMode.Attach,
            SmsMessage = options.Message,
        };
        if (options.MaxAttachmentBytes is { } limit)
        {
            settings = settings with { MaxAttachmentBytes = limit };
        }
        if (options.DownloadLinkValidity is { } validity)
        {
            settings = settings with { DownloadLinkValidity = validity };
        }
        if (options.Mode == EmailDeliveryMode.Link)
        {
            // Every file is "too large": the message carries the time-limited download link instead.
            settings = settings with { MaxAttachmentBytes = -1 };
        }
        if (options.Subject is { } subject)
        {
            settings = settings with { Subject = subject };
        }
        if (options.Message is { } message)
        {
            settings = settings with { Body = $"<p>{message.ReplaceLineEndings("<br>")}</p>" };
        }
        return settings;
    }

    private async Task<HubDestinationSettings> HubAsync(TaskDefinition task, string reportName, CancellationToken cancellationToken)
    {
        var report = task.Reports.FirstOrDefault(r => r.Name == reportName);
        if (report?.Hub is not { Enabled: true } hub)
        {
            throw new ArgumentException($"Report '{reportName}' of task '{task.Name}' does not publish to the Hub.", nameof(reportName));
        }
        // Only recipients and groups marked "See in the Hub" are entitled; groups are kept by id so renames and new members apply.
        var users = (await recipients.ResolveAsync(hub.RecipientIds, [], cancellationToken)).Where(r => r.CanSeeInHub).Select(r => r.Email).ToList();
        var groups = (await recipients.GroupsAsync(hub.GroupIds, cancellationToken)).Where(g => g.CanSeeInHub).Select(g => g.Id.ToString("D")).ToList();
        return new HubDestinationSettings(HubReportKey(task, reportName), reportName)
        {
            Name = "Hub",
            Users = users,
            Groups = groups,
            KeepVersions = hub.RetentionCount,
            Folder = hub.Folder,
        };
    }

    /// <summary>Stable across runs (so versions accumulate), unique per task and report, and one URL path segment (no '/').</summary>
    public static string HubReportKey(TaskDefinition task, string reportName)
    {
        ArgumentNullException.ThrowIfNull(task);
        return $"{task.Id:D}.{Uri.EscapeDataString(reportName)}";
    }
}
