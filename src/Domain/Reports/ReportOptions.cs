namespace Courier.Domain.Reports;

/// <summary>Host settings of report building.</summary>
public sealed class ReportOptions
{
    /// <summary>Where each report gets its own working folder for fetched files and script output (deleted after the report).</summary>
    public string WorkingRoot { get; set; } = Path.Combine(Path.GetTempPath(), "courier-runs");

    /// <summary>Extra <c>pip install</c> arguments for scripts with a requirements.txt (an index mirror, or <c>--no-index --find-links DIR</c>).</summary>
    public IList<string> PipArguments { get; } = [];

    /// <summary>Blob container of the query and script text cache.</summary>
    public string CodeCacheContainer { get; set; } = "cache";
}
