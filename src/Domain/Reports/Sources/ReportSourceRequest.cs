using Courier.Domain.Model;
using Courier.Domain.Sources;

namespace Courier.Domain.Reports.Sources;

/// <summary>What a report source reads with.</summary>
/// <param name="Report">The report, whose <see cref="ReportDefinition.Source"/> says what to read.</param>
/// <param name="Connection">The source's connection with its secrets (null when the source has none).</param>
/// <param name="Context">The run's clock and time zone, task and project parameters and run log.</param>
/// <param name="Parameters">The task's filters and the source's own parameters (which win over the filters).</param>
/// <param name="WorkingDirectory">The run's folder for this report; files written there are deleted after the run.</param>
/// <param name="AsFile">A processing script follows, so the data is wanted as a file rather than rows.</param>
public sealed record ReportSourceRequest(
    ReportDefinition Report,
    Connection? Connection,
    SourceContext Context,
    IReadOnlyDictionary<string, string> Parameters,
    string WorkingDirectory,
    bool AsFile)
{
    /// <summary>The connection, or an error naming what is missing.</summary>
    public Connection RequiredConnection =>
        Connection ?? throw new SourceException($"The {Report.Source.Kind} source needs a connection.");

    /// <summary>The query or command location, or an error naming what is missing.</summary>
    public CodeLocation RequiredQuery =>
        Report.Source.Query ?? throw new SourceException($"The {Report.Source.Kind} source needs a query or command.");
}
