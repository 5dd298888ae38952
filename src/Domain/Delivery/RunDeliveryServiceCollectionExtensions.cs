using Courier.Domain.Destinations;
using Courier.Domain.Hub;
using Courier.Domain.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Courier.Domain.Delivery;

/// <summary>
/// The second half of a run for the host: <see cref="IRunDeliveries"/> and <see cref="IRunNotifications"/>
/// with every destination. Expects <c>AddCourierCatalog</c> (connections, recipients, groups) and a
/// <see cref="Azure.Data.Tables.TableServiceClient"/> and <see cref="Azure.Storage.Blobs.BlobServiceClient"/>
/// (the run's outputs, the Hub, delivery records) to be registered.
/// </summary>
public static class RunDeliveryServiceCollectionExtensions
{
    public static IServiceCollection AddRunDeliveries(this IServiceCollection services)
    {
        services.AddCourierDestinations();
        services.TryAddSingleton<RecipientAddresses>();
        services.TryAddSingleton<TaskDestinationSettings>();
        services.TryAddSingleton<HubViewers>();
        services.TryAddSingleton<StoredRunFiles>();
        services.TryAddSingleton<IRunDeliveries, RunDeliveries>();
        services.TryAddSingleton<RunFileResends>();
        services.TryAddSingleton<IRunNotifications, RunNotifications>();
        return services;
    }
}
