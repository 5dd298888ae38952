using Courier.Domain.Exchange;
using Courier.Domain.Secrets;
using Courier.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Courier.Domain.Catalog;

/// <summary>One line registers the catalog: repositories, secrets, services, export/import.</summary>
public static class CatalogServiceCollectionExtensions
{
    /// <remarks>
    /// Options come from the caller (the host binds <see cref="SecretKeyOptions.Section"/> and its
    /// storage connection string), so Domain needs no configuration binder.
    /// </remarks>
    public static IServiceCollection AddCourierCatalog(
        this IServiceCollection services, Action<CatalogStorageOptions> storage, Action<SecretKeyOptions> secrets)
    {
        services.AddOptions<CatalogStorageOptions>().Configure(storage);
        services.AddOptions<SecretKeyOptions>().Configure(secrets);
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<CatalogTables>();
        services.AddSingleton<ProjectRepository>();
        services.AddSingleton<TaskRepository>();
        services.AddSingleton<ConnectionRepository>();
        services.AddSingleton<RecipientRepository>();
        services.AddSingleton<GroupRepository>();
        services.AddSingleton<ProjectCatalog>();
        services.AddSingleton<TaskCatalog>();
        services.AddSingleton<ConnectionCatalog>();
        services.AddSingleton<RecipientCatalog>();
        services.AddSingleton<ProjectExchange>();
        return services;
    }
}
