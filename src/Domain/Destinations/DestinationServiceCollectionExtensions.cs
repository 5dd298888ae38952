using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Courier.Domain.Destinations;

/// <summary>One line per destination: <c>services.AddDestination&lt;SftpDestination&gt;()</c>.</summary>
public static class DestinationServiceCollectionExtensions
{
    public static IServiceCollection AddDestination<TDestination>(this IServiceCollection services)
        where TDestination : class, IDestination
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDestination, TDestination>());
        services.TryAddSingleton<IDestinationRegistry, DestinationRegistry>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
