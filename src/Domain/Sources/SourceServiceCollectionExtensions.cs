using Courier.Domain.Sources.Files;
using Courier.Domain.Sources.Scripts;
using Courier.Domain.Sources.Sql;
using Courier.Domain.Sources.Ssh;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Courier.Domain.Sources;

/// <summary>Registration of the data sources: one line per SQL provider.</summary>
public static class SourceServiceCollectionExtensions
{
    /// <summary>
    /// The SQL source with PostgreSQL, SQL Server, MySQL and SQLite, the SSH command source and the
    /// script runner (its Python environments cached under <paramref name="scriptEnvironmentCache"/>,
    /// by default a folder in the temp directory).
    /// </summary>
    public static IServiceCollection AddSources(this IServiceCollection services, string? scriptEnvironmentCache = null)
    {
        services.TryAddSingleton<SshCommandSource>();
        services.TryAddSingleton<RemoteFileSource>();
        services.TryAddSingleton(new ScriptEnvironments(scriptEnvironmentCache ?? Path.Combine(Path.GetTempPath(), "courier-script-venvs")));
        services.TryAddSingleton<ScriptRunner>();
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
