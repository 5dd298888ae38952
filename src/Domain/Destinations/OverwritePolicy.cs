namespace Courier.Domain.Destinations;

/// <summary>What a file destination does when the target name already exists (SSRS file-share options).</summary>
public enum OverwritePolicy
{
    Overwrite,
    SkipIfExists,
    FailIfExists,

    /// <summary>report.csv → report_1.csv, report_2.csv, … (the first free name).</summary>
    AutoIncrement,
}
