using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Courier.Domain.Connectors.Email;
using Courier.Domain.Delivery;
using Courier.Domain.Destinations.Blob;
using Courier.Domain.Destinations.Email;
using Courier.Domain.Destinations.Ftp;
using Courier.Domain.Destinations.Hub;
using Courier.Domain.Destinations.Sftp;
using Courier.Domain.Destinations.Smb;
using Courier.Domain.Hub;
using Courier.Domain.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Courier.Domain.Destinations;

/// <summary>
/// Everything delivery needs, for the host: one line per destination, plus the stores they share.
/// Expects a <see cref="TableServiceClient"/> and a <see cref="BlobServiceClient"/> to be registered.
/// A host with a recipient store registers its own <see cref="IRecipientDirectory"/> first.
/// </summary>
public static class CourierDestinationsServiceCollectionExtensions
{
    public static IServiceCollection AddCourierDestinations(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEmailSender>(_ => new EmailSender());
        services.TryAddSingleton<IEmailSendLog>(sp => new TableEmailSendLog(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IRecipientDirectory>(RecipientGroups.Empty);
        services.TryAddSingleton<IDeliveryStore>(sp => new TableDeliveryStore(sp.GetRequiredService<TableServiceClient>()));
        services.TryAddSingleton<HubStore>();
        services.TryAddSingleton<DeliveryExecutor>();
        services.TryAddSingleton<ResendService>();
        services.TryAddSingleton<INotificationRateLimiter>(sp => new TableNotificationRateLimiter(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new RunNotifier(sp.GetRequiredService<IEmailSender>(), sp.GetRequiredService<INotificationRateLimiter>(), new HttpClient(), sp.GetRequiredService<TimeProvider>()));

        return services
            .AddDestination<SftpDestination>()
            .AddDestination<FtpDestination>()
            .AddDestination<SmbDestination>()
            .AddDestination<BlobDestination>()
            .AddDestination<EmailDestination>()
            .AddDestination<HubDestination>();
    }
}
