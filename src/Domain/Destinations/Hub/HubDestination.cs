using Courier.Domain.Hub;

namespace Courier.Domain.Destinations.Hub;

/// <summary>Publishes the file as a new version of a Hub report; once per idempotency key.</summary>
public sealed class HubDestination(HubStore store, TimeProvider timeProvider) : IDestination
{
    public const string KindName = "hub";

    public string Kind => KindName;

    public async Task<DeliveryReceipt> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (request.Settings is not HubDestinationSettings settings)
        {
            throw new ArgumentException($"{nameof(HubDestination)} needs {nameof(HubDestinationSettings)}.", nameof(request));
        }
        if (request.TestModeAddress is not null && request.TestModeSkipsOtherDestinations)
        {
            return new DeliveryReceipt(Kind, settings.DisplayName, "", 0, timeProvider.GetUtcNow(), DeliveryOutcome.SkippedTestMode);
        }
        if (settings.SkipEmptyFile && request.File.IsEmpty)
        {
            return new DeliveryReceipt(Kind, settings.DisplayName, "", 0, timeProvider.GetUtcNow(), DeliveryOutcome.SkippedEmpty);
        }
        var publication = new HubPublication(settings.ReportKey, settings.ReportName)
        {
            Users = settings.Users,
            Groups = settings.Groups,
            KeepVersions = settings.KeepVersions,
            Folder = settings.Folder,
        };
        var (version, published) = await store.PublishAsync(publication, request.File, request.RunId, request.IdempotencyKey, cancellationToken);
        return new DeliveryReceipt(Kind, settings.DisplayName, $"hub://{version.ReportKey}/{version.Version}", version.Size, timeProvider.GetUtcNow(),
            published ? DeliveryOutcome.Delivered : DeliveryOutcome.AlreadyDelivered)
        { Recipients = [.. settings.Users, .. settings.Groups.Select(g => "group:" + g)] };
    }
}
