using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// Runs a query and streams its result: as rows (<see cref="OpenRowsAsync"/>) for the output
/// writers, or straight to CSV (<see cref="ExportCsvAsync"/>), where PostgreSQL's COPY is used when
/// the query has no parameters. <c>USE</c> statements are removed first and every <c>@name</c> is
/// bound as a real command parameter; the running row count goes to the run log.
/// </summary>
public sealed partial class SqlSource(SqlProviders providers)
{
    /// <summary>What would run: the executed text and the bound parameters, without running it.</summary>
    public static SqlPlan Preview(SqlQueryRequest request, SourceContext context) => SqlPlan.Create(request, context);

    public async Task<IRowSource> OpenRowsAsync(SqlQueryRequest request, SourceContext context, CancellationToken cancellationToken) =>
        await OpenSqlRowsAsync(request, context, cancellationToken);

    private async Task<SqlRows> OpenSqlRowsAsync(SqlQueryRequest request, SourceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var provider = providers.Get(request.Provider);
        var plan = SqlPlan.Create(request, context);
        LogPlan(context.Log, plan);
        var connection = provider.CreateConnection(request.ConnectionString);
        DbCommand? command = null;
        try
        {
            await OpenAsync(connection, cancellationToken);
            command = connection.CreateCommand();
            command.CommandText = plan.Preview.Executed;
            command.CommandTimeout = request.EffectiveTimeoutSeconds;
            foreach (var parameter in plan.Parameters)
            {
                command.Parameters.Add(parameter.Value is string text
                    ? provider.CreateTextParameter(parameter.Name, text)
                    : CreateParameter(command, parameter));
            }
            var reader = await ExecuteAsync(command, request, cancellationToken);
            if (reader.FieldCount == 0 && !request.AllowNoRows)
            {
                await reader.DisposeAsync();
                throw new SourceException("The query returned no result set, and this task does not allow a statement without rows.");
            }
            return new SqlRows(connection, command, new CountingDataReader(reader, new RowCountLog(context.Log, request.RowCountLogInterval), request.AllowNoRows));
        }
        catch
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes the result as CSV with a header to <paramref name="destination"/> and returns the number of rows.</summary>
    public async Task<long> ExportCsvAsync(SqlQueryRequest request, SourceContext context, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var provider = providers.Get(request.Provider);
        var plan = SqlPlan.Create(request, context);
        if (plan.Parameters.Count == 0)
        {
            var counter = new RowCountLog(context.Log, request.RowCountLogInterval);
            await using var counting = new CsvRecordCounter(destination, counter, headerRecords: 1);
            bool copied;
            try
            {
                copied = await provider.TryCopyCsvAsync(request.ConnectionString, plan.Preview.Executed, counting, request.EffectiveTimeoutSeconds, cancellationToken);
            }
            catch (Exception e) when (e is DbException or TimeoutException)
            {
                throw Failed(e, request);
            }
            if (copied)
            {
                LogPlan(context.Log, plan);
                counter.Finish();
                if (counter.Count == 0 && !request.AllowNoRows)
                {
                    throw new SourceException("The query returned no rows, and this task does not allow an empty result.");
                }
                return counter.Count;
            }
        }

        await using var rows = await OpenSqlRowsAsync(request, context, cancellationToken);
        try
        {
            await CsvExport.WriteAsync(rows, destination, cancellationToken);
        }
        catch (DbException e)
        {
            throw Failed(e, request);
        }
        return rows.RowCount;
    }

    private static async Task OpenAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (DbException e)
        {
            throw ConnectFailed(e);
        }
    }

    // The provider's message names the host and the reason, not the password.
    internal static SourceException ConnectFailed(Exception e) => new($"Could not connect to the database: {e.Message}", e);

    private static async Task<DbDataReader> ExecuteAsync(DbCommand command, SqlQueryRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        }
        catch (DbException e)
        {
            throw Failed(e, request);
        }
    }

    private static SourceException Failed(Exception e, SqlQueryRequest request) =>
        IsTimeout(e)
            ? new SourceException($"The query did not finish within its {request.EffectiveTimeoutSeconds} s command timeout.", e)
            : new SourceException($"The query failed: {e.Message}", e);

    private static bool IsTimeout(Exception e) =>
        e is TimeoutException || e.InnerException is TimeoutException
        || e.Message.Contains("timeout", StringComparison.OrdinalIgnoreCase);

    private static DbParameter CreateParameter(DbCommand command, BoundParameter bound)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = bound.Name;
        parameter.Value = bound.Value;
        if (bound.Value is DateOnly)
        {
            parameter.DbType = DbType.Date;
        }
        return parameter;
    }

    private static void LogPlan(ILogger log, SqlPlan plan)
    {
        foreach (var statement in plan.Preview.RemovedStatements)
        {
            RemovedStatement(log, statement);
        }
        if (plan.Parameters.Count > 0)
        {
            BoundParameters(log, string.Join(", ", plan.Parameters.Select(p => "@" + p.Name)));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed from the query before running it: {Statement}")]
    private static partial void RemovedStatement(ILogger logger, string statement);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bound parameters: {Names}")]
    private static partial void BoundParameters(ILogger logger, string names);
}
