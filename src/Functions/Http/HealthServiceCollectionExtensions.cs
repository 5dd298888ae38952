namespace Courier.Functions.Http;

public static class HealthServiceCollectionExtensions
{
    public static IServiceCollection AddCourierHealth(this IServiceCollection services)
    {
        services.AddSingleton<StorageProbe>();
        return services;
    }
}
