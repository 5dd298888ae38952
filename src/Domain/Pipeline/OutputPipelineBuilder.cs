using Courier.Domain.Pipeline.Formats;
using Courier.Domain.Pipeline.Steps;
using Microsoft.Extensions.DependencyInjection;

namespace Courier.Domain.Pipeline;

/// <summary>Registers formats and steps, one line each: <c>b.AddFormat&lt;CsvFormat&gt;().AddStep&lt;ZipStep&gt;()</c>.</summary>
public sealed class OutputPipelineBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    public OutputPipelineBuilder AddFormat<T>()
        where T : class, IOutputFormat
    {
        Services.AddSingleton<IOutputFormat, T>();
        return this;
    }

    public OutputPipelineBuilder AddStep<T>()
        where T : class, IFileStep
    {
        Services.AddSingleton<IFileStep, T>();
        return this;
    }
}
