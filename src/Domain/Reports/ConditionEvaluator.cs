using System.Globalization;
using Courier.Domain.Model;
using Courier.Domain.Reports.Sources;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Sql;

namespace Courier.Domain.Reports;

/// <summary>
/// Measures a condition and compares it with its expected value: a scalar query (first column of the
/// first row, with the task's bound parameters) or a report's row count.
/// </summary>
public sealed class ConditionEvaluator(SqlSource sql, SqlProviders providers, StoredConnections connections)
{
    /// <summary>Runs the condition's query and returns null when it holds, else why not.</summary>
    public async Task<string?> CheckQueryAsync(
        Condition condition, SourceContext context, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (condition.Source != ConditionSourceKind.Query)
        {
            throw new SourceException($"Condition '{condition.Name}' measures the row count, which only a report has.");
        }
        var connection = await connections.GetAsync(
            condition.ConnectionId ?? throw new SourceException($"Condition '{condition.Name}' has no connection."), "condition", cancellationToken);
        var query = condition.Query is { Length: > 0 } q ? q : throw new SourceException($"Condition '{condition.Name}' has no query.");
        var request = SqlReportSource.QueryRequest(providers, connection, query, null, parameters);
        string measured;
        try
        {
            await using var rows = await sql.OpenRowsAsync(request, context, cancellationToken);
            measured = rows.Reader.FieldCount > 0 && await rows.ReadAsync(cancellationToken) && !rows.Reader.IsDBNull(0)
                ? Convert.ToString(rows.Reader.GetValue(0), CultureInfo.InvariantCulture) ?? ""
                : "";
        }
        catch (SourceException e)
        {
            throw new SourceException($"Condition '{condition.Name}': {e.Message}", e);
        }
        return Compare(condition, measured);
    }

    /// <summary>
    /// Null when <paramref name="measured"/> satisfies the condition, else a sentence saying what was
    /// measured and expected. Numbers compare as numbers when both sides parse as one, else as text.
    /// </summary>
    public static string? Compare(Condition condition, string measured)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(measured);
        var order = decimal.TryParse(measured, NumberStyles.Float, CultureInfo.InvariantCulture, out var left)
            && decimal.TryParse(condition.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var right)
                ? left.CompareTo(right)
                : string.CompareOrdinal(measured, condition.Value);
        var holds = condition.Operator switch
        {
            ComparisonOperator.Equal => order == 0,
            ComparisonOperator.NotEqual => order != 0,
            ComparisonOperator.GreaterThan => order > 0,
            ComparisonOperator.GreaterOrEqual => order >= 0,
            ComparisonOperator.LessThan => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            _ => throw new SourceException($"Condition '{condition.Name}' has an unknown operator."),
        };
        return holds
            ? null
            : $"Condition '{condition.Name}' does not hold: measured {(measured.Length == 0 ? "nothing" : measured)}, expected {Symbol(condition.Operator)} {condition.Value}.";
    }

    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "≠",
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterOrEqual => "≥",
        ComparisonOperator.LessThan => "<",
        _ => "≤",
    };
}
