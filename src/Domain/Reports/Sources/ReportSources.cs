using Courier.Domain.Model;
using Courier.Domain.Sources;

namespace Courier.Domain.Reports.Sources;

/// <summary>The registered report sources, looked up by source kind.</summary>
public sealed class ReportSources(IEnumerable<IReportSource> sources)
{
    private readonly Dictionary<SourceKind, IReportSource> _byKind = sources.ToDictionary(s => s.Kind);

    public IReportSource Get(SourceKind kind) =>
        _byKind.TryGetValue(kind, out var source)
            ? source
            : throw new SourceException($"No source is registered for {kind}.");
}
