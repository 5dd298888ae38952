namespace Courier.Domain.Model;

/// <summary>What a condition measures.</summary>
public enum ConditionSourceKind
{
    /// <summary>A scalar SQL query on a database connection (first column of the first row).</summary>
    Query,

    /// <summary>The report's own row count (report-level conditions only).</summary>
    RowCount,
}
