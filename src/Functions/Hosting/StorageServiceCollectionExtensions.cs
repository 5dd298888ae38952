using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Courier.Functions.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Storage clients as singletons. They are built on first use, not at start-up, so the host
    /// starts (and /healthz can say so) while storage is down.
    /// </summary>
    public static IServiceCollection AddCourierStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => StorageClients.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<TableServiceClient>(sp => sp.GetRequiredService<StorageClients>().Tables);
        services.AddSingleton<QueueServiceClient>(sp => sp.GetRequiredService<StorageClients>().Queues);
        services.AddSingleton<BlobServiceClient>(sp => sp.GetRequiredService<StorageClients>().Blobs);
        return services;
    }
}
