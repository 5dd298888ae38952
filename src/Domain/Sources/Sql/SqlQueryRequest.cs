namespace Courier.Domain.Sources.Sql;

/// <summary>One query to run: where, what, and the limits the connection and the task put on it.</summary>
/// <param name="Provider">The provider's kind (<see cref="ISqlProvider.Kind"/>).</param>
/// <param name="ConnectionString">Including credentials; never logged.</param>
/// <param name="Query">The query text as written (before <c>USE</c> removal; parameters stay <c>@name</c>).</param>
/// <param name="ConnectionTimeoutSeconds">The connection's default command timeout.</param>
/// <param name="TaskTimeoutSeconds">The task's command timeout; wins over the connection's.</param>
/// <param name="AllowNoRows">Whether a statement that returns no rows (or no result set at all) succeeds.</param>
/// <param name="RowCountLogInterval">The running row count goes to the run log every this many rows.</param>
/// <param name="Parameters">The source's own named values, bound like task parameters (and winning over them).</param>
public sealed record SqlQueryRequest(
    string Provider,
    string ConnectionString,
    string Query,
    int? ConnectionTimeoutSeconds = null,
    int? TaskTimeoutSeconds = null,
    bool AllowNoRows = false,
    int RowCountLogInterval = 100_000,
    IReadOnlyDictionary<string, string>? Parameters = null)
{
    /// <summary>30 s, ADO.NET's usual default, when neither the task nor the connection says.</summary>
    public const int DefaultTimeoutSeconds = 30;

    public int EffectiveTimeoutSeconds => TaskTimeoutSeconds ?? ConnectionTimeoutSeconds ?? DefaultTimeoutSeconds;

    public override string ToString() => $"{Provider} query ({Query.Length} characters)";
}
