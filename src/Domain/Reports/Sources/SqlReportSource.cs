using Courier.Domain.Model;
using Courier.Domain.Sources.Sql;

namespace Courier.Domain.Reports.Sources;

/// <summary>
/// A query on a database connection: rows for the output formats, or (when a script follows) a CSV
/// file written through the database's own export where it has one.
/// </summary>
public sealed class SqlReportSource(SqlSource sql, SqlProviders providers, ReportCode code) : IReportSource
{
    /// <summary>The data file a processing script receives.</summary>
    public const string DataFileName = "data.csv";

    public SourceKind Kind => SourceKind.Sql;

    public async Task<ReportData> OpenAsync(ReportSourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = await code.LoadTextAsync(request.RequiredQuery, request.Context.Log, cancellationToken);
        var sqlRequest = QueryRequest(providers, request.RequiredConnection, query, request.Report.Source.TimeoutSeconds, request.Parameters);
        if (!request.AsFile)
        {
            return ReportData.FromRows(await sql.OpenRowsAsync(sqlRequest, request.Context, cancellationToken));
        }
        Directory.CreateDirectory(request.WorkingDirectory);
        var path = Path.Combine(request.WorkingDirectory, DataFileName);
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await sql.ExportCsvAsync(sqlRequest, request.Context, file, cancellationToken);
        }
        return ReportData.FromFiles([path]);
    }

    /// <summary>
    /// A query on a stored database connection. Empty results are allowed: the file is marked empty
    /// and each destination decides whether to skip it.
    /// </summary>
    public static SqlQueryRequest QueryRequest(
        SqlProviders providers, Connection connection, string query, int? timeoutSeconds, IReadOnlyDictionary<string, string>? parameters)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(connection);
        var kind = connection.Kind.ToString().ToLowerInvariant();
        var provider = providers.Get(kind);
        return new SqlQueryRequest(
            kind,
            provider.ConnectionString(connection.Settings, connection.Secrets),
            query,
            connection.Settings.TimeoutSeconds,
            timeoutSeconds,
            AllowNoRows: true,
            Parameters: parameters);
    }
}
