using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Courier.Domain.Pipeline.Formats;
using Courier.Domain.Pipeline.Steps;
using Courier.Domain.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Courier.Domain.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The output pipeline with its three formats and three steps. Needs a <see cref="BlobServiceClient"/>,
    /// a <see cref="TableServiceClient"/> and (for PGP) an <see cref="Steps.Pgp.IPublicKeySource"/> in the container.
    /// </summary>
    public static IServiceCollection AddOutputPipeline(this IServiceCollection services, Action<OutputPipelineBuilder>? configure = null)
    {
        var builder = new OutputPipelineBuilder(services)
            .AddFormat<DelimitedFormat>()
            .AddFormat<XlsxFormat>()
            .AddFormat<JsonLinesFormat>()
            .AddStep<LineSuffixStep>()
            .AddStep<PgpEncryptStep>()
            .AddStep<ZipStep>();
        configure?.Invoke(builder);
        services.AddSingleton(sp => new OutputBlobStore(sp.GetRequiredService<BlobServiceClient>()));
        services.AddSingleton(sp => new RunFileRepository(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<OutputFileBuilder>();
        return services;
    }
}
