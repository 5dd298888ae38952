using Azure;
using Azure.Storage.Blobs;
using Courier.Domain.Destinations;
using Courier.Domain.Model;
using Courier.Domain.Pipeline.Storage;

namespace Courier.Domain.Delivery;

/// <summary>
/// Resends one stored file of a past run through <see cref="ResendService"/>: to the destinations it went
/// to (each resolved again from its recorded reference, with today's connection and secrets) or to the
/// task's destinations as configured now (one per email recipient, as a run plans them).
/// </summary>
public sealed class RunFileResends(
    TaskDestinationSettings destinations, RecipientAddresses recipients, IDeliveryStore store, BlobServiceClient blobs, ResendService resends, TimeProvider timeProvider)
{
    /// <summary>
    /// Throws <see cref="KeyNotFoundException"/> when the file's content, its original delivery or that destination no longer exists,
    /// <see cref="ArgumentException"/> or <see cref="Secrets.SecretUnavailableException"/> when a destination cannot be resolved,
    /// and <see cref="DeliveryException"/> when a delivery fails.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryReceipt>> ResendAsync(
        TaskDefinition task, Project project, RunFile file, ResendTarget target, string requestedBy, string resendId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(file);
        var request = new ResendRequest(file.RunId, await OpenAsync(file, cancellationToken), target, requestedBy, resendId)
        {
            Variables = RunDeliveries.Variables(task, project, Item(file, "resend")),
        };
        request = target == ResendTarget.CurrentDestinations
            ? request with { CurrentDestinations = await CurrentAsync(task, file, cancellationToken) }
            : request with { ResolveOriginal = (await OriginalsAsync(task, file, cancellationToken)).GetValueOrDefault };
        return await resends.ResendAsync(request, cancellationToken);
    }

    private async Task<List<DestinationReference>> CurrentAsync(TaskDefinition task, RunFile file, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> emailTo = task.Destinations.Any(d => d.Kind == DestinationKind.Email)
            ? await recipients.AddressesAsync(task.RecipientIds, task.GroupIds, cancellationToken)
            : [];
        var current = new List<DestinationReference>();
        for (var i = 0; i < task.Destinations.Count; i++)
        {
            var items = task.Destinations[i].Kind == DestinationKind.Email
                ? emailTo.Select(address => Item(file, $"destination {i + 1} to {address}") with { DestinationIndex = i, Recipient = address })
                : [Item(file, $"destination {i + 1}") with { DestinationIndex = i }];
            foreach (var item in items)
            {
                current.Add(await destinations.ResolveAsync(task, item, cancellationToken));
            }
        }
        return current.Count > 0 ? current : throw new KeyNotFoundException($"Task '{task.Name}' has no destination to resend '{file.Name}' to.");
    }

    /// <summary>
    /// The settings of every destination the file was delivered to (as <see cref="ResendService"/> picks them), resolved before the resend begins
    /// (<see cref="ResendRequest.ResolveOriginal"/> is synchronous); a destination that no longer exists is left out, so it reads as null.
    /// </summary>
    private async Task<Dictionary<string, DestinationSettings>> OriginalsAsync(TaskDefinition task, RunFile file, CancellationToken cancellationToken)
    {
        var references = (await store.ListForRunAsync(file.RunId, cancellationToken))
            .Where(r => r.FileName == file.Name && r.ResendOf is null && r.Status == DeliveryStatus.Delivered && r.DestinationRef is not null)
            .Select(r => r.DestinationRef!)
            .Distinct(StringComparer.Ordinal);
        var settings = new Dictionary<string, DestinationSettings>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            if (await destinations.ResolveReferenceAsync(task, reference, cancellationToken) is { } resolved)
            {
                settings[reference] = resolved;
            }
        }
        return settings;
    }

    private async Task<DeliveryFile> OpenAsync(RunFile file, CancellationToken cancellationToken)
    {
        var slash = file.BlobPath.IndexOf('/', StringComparison.Ordinal);
        var gone = new KeyNotFoundException($"The content of '{file.Name}' of run {file.RunId} is no longer stored.");
        if (slash <= 0)
        {
            throw gone;
        }
        var blob = blobs.GetBlobContainerClient(file.BlobPath[..slash]).GetBlobClient(file.BlobPath[(slash + 1)..]);
        string? contentType;
        try
        {
            contentType = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentType;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw gone;
        }
        return DeliveryFile.FromBlob(blob, file.Name, file.Size, file.Sha256, timeProvider) with
        {
            ContentType = string.IsNullOrEmpty(contentType) ? "application/octet-stream" : contentType,
            HasNoRows = file.IsEmpty,
        };
    }

    private static DeliveryItem Item(RunFile file, string target) => new(file.RunId, file, target, $"{file.RunId}:{file.Name}:{target}");
}
