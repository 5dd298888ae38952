namespace Courier.Domain.Sources.Sql;

/// <summary>What will run: the preview of the text and the parameters bound to it (what the task details page shows).</summary>
public sealed record SqlPlan(SqlPreview Preview, IReadOnlyList<BoundParameter> Parameters)
{
    /// <summary>
    /// Resolves every <c>@name</c> the executed text refers to: the request's own values first,
    /// then the task's and project's parameters, then the date parameters. A name that is none of
    /// these is left unbound: SQL Server and MySQL use <c>@variables</c> of their own.
    /// </summary>
    public static SqlPlan Create(SqlQueryRequest request, SourceContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var preview = UseStatements.Preview(request.Query);
        var bound = new List<BoundParameter>();
        var localNow = context.LocalNow;
        foreach (var name in ParameterReferences.Find(preview.Executed))
        {
            if (request.Parameters is not null && TryGet(request.Parameters, name, out var own))
            {
                bound.Add(new BoundParameter(name, own));
            }
            else if (context.TryGetParameter(name, out var value))
            {
                bound.Add(new BoundParameter(name, value));
            }
            else if (DateParameters.Resolve(name, localNow) is { } date)
            {
                bound.Add(new BoundParameter(name, date));
            }
        }
        return new SqlPlan(preview, bound);
    }

    private static bool TryGet(IReadOnlyDictionary<string, string> values, string name, out string value)
    {
        foreach (var (key, candidate) in values)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = "";
        return false;
    }
}
