using Azure.Storage.Blobs;
using Courier.Domain.Pipeline;
using Courier.Domain.Pipeline.Steps.Pgp;
using Courier.Domain.Reports.Sources;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Locations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Courier.Domain.Reports;

/// <summary>Registration of the first half of a run: report sources, output pipeline, report builder and task conditions.</summary>
public static class ReportServiceCollectionExtensions
{
    /// <summary>
    /// Everything <see cref="IReportBuilder"/> and <see cref="ITaskConditions"/> need, with one line
    /// per source kind. The host provides the catalog (<c>AddCourierCatalog</c>: the connections),
    /// a <see cref="BlobServiceClient"/> and a <see cref="Azure.Data.Tables.TableServiceClient"/>.
    /// </summary>
    public static IServiceCollection AddReports(this IServiceCollection services, Action<ReportOptions>? configure = null)
    {
        var options = services.AddOptions<ReportOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.AddSources();
        services.AddOutputPipeline();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ReportOptions>>().Value);
        services.TryAddSingleton<StoredConnections>();
        services.TryAddSingleton<IPublicKeySource, ConnectionPublicKeySource>();
        services.TryAddSingleton(sp => new CodeLoader(new CodeCache(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(sp.GetRequiredService<ReportOptions>().CodeCacheContainer))));
        // One client for every web code location: it pools connections across runs.
        services.TryAddSingleton(sp => new ReportCode(sp.GetRequiredService<StoredConnections>(), sp.GetRequiredService<CodeLoader>(), new HttpClient()));
        services.TryAddSingleton<ConditionEvaluator>();
        services.TryAddSingleton<ReportProcessing>();
        services.TryAddSingleton<ReportSources>();
        services.TryAddSingleton<IReportBuilder, ReportBuilder>();
        services.TryAddSingleton<ITaskConditions, TaskConditions>();
        services.AddReportSource<SqlReportSource>();
        services.AddReportSource<RemoteFileReportSource>();
        services.AddReportSource<SshCommandReportSource>();
        services.AddReportSource<ScriptReportSource>();
        return services;
    }

    public static IServiceCollection AddReportSource<T>(this IServiceCollection services)
        where T : class, IReportSource
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReportSource, T>());
        return services;
    }
}
