using Courier.Domain.Catalog;
using Courier.Domain.Secrets;
using Courier.Functions.Hosting;
using Microsoft.AspNetCore.OpenApi;

namespace Courier.Functions.Http;

/// <summary>
/// The catalog (projects, tasks, connections, recipients, groups) in the host: services from
/// configuration, routes on the /api group. Configuration: <c>AzureWebJobsStorage</c>,
/// <c>Courier:Catalog:TablePrefix</c> (default <c>courier</c>), <c>Courier:Secrets:ActiveKeyId</c> and
/// <c>Courier:Secrets:Keys:{id}</c> (base64 of 32 bytes).
/// </summary>
public static class CatalogApi
{
    public static IServiceCollection AddCourierCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<OpenApiOptions>("v1", options => options.AddOperationTransformer(CatalogBody.Describe));
        return services.AddCourierCatalog(
            storage =>
            {
                storage.ConnectionString = configuration[StorageClients.SettingKey] ?? "";
                storage.TablePrefix = configuration["Courier:Catalog:TablePrefix"] ?? storage.TablePrefix;
            },
            secrets => configuration.GetSection(SecretKeyOptions.Section).Bind(secrets));
    }

    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder api) =>
        api.MapProjects().MapTasks().MapConnections().MapRecipients().MapGroups();
}
