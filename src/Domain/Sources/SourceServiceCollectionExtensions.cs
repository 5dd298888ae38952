using Courier.Domain.Sources.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Courier.Domain.Sources;

/// <summary>Registration of the data sources: one line per SQL provider.</summary>
public static class SourceServiceCollectionExtensions
{
    /// <summary>The SQL source with PostgreSQL, SQL Server, MySQL and SQLite.</summary>
    public static IServiceCollection AddSources(this IServiceCollection services)
    {
        services.TryAddSingleton<SqlProviders>();
        services.TryAddSingleton<SqlSource>();
        services.AddSqlProvider<PostgresProvider>();
        services.AddSqlProvider<SqlServerProvider>();
        services.AddSqlProvider<MySqlProvider>();
        services.AddSqlProvider<SqliteProvider>();
        return services;
    }

    public static IServiceCollection AddSqlProvider<T>(this IServiceCollection services)
        where T : class, ISqlProvider
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISqlProvider, T>());
        return services;
    }
}
