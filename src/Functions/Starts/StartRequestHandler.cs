using System.Text;
using System.Text.Json;
using Courier.Domain.Starting;
using Microsoft.Extensions.Options;

namespace Courier.Functions.Starts;

/// <summary>
/// The one path for outside starts, HTTP and queue alike: parse either body form, start through the
/// allow-list, answer in the caller's form, and audit who asked, from where, what and what started.
/// A malformed request is answered <c>{ error, details }</c> inside an RFC 7807 body that names the field.
/// </summary>
public sealed class StartRequestHandler(
    TaskStartService starts,
    IOptionsMonitor<StartAllowListOptions> allowList,
    StartAuditWriter audit,
    TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<StartAnswer> HandleAsync(
        string? pathTaskId, ReadOnlyMemory<byte> body, bool allTaskIdsMustExist, StartTrigger trigger, string? from,
        CancellationToken cancellationToken)
    {
        StartSelection selection;
        try
        {
            selection = StartRequestParser.Parse(pathTaskId, body.Span, allTaskIdsMustExist);
        }
        catch (StartRequestException e)
        {
            var rejected = Problem(e.Error, e.Details, e.Field);
            await AuditAsync(trigger, from, body, rejected.Json, 0, cancellationToken);
            return rejected;
        }

        var report = await starts.StartAsync(selection, allowList.CurrentValue.ToAllowList(), trigger, cancellationToken);
        var answer = selection.Form == StartRequestForm.Butler
            ? JsonSerializer.Serialize(ButlerStartResponse.From(report), Json)
            : JsonSerializer.Serialize(CourierStartResponse.From(report), Json);
        await AuditAsync(trigger, from, body, answer, report.TotalStarted, cancellationToken);
        return new StartAnswer(StatusCodes.Status200OK, answer, "application/json");
    }

    /// <summary>The seed's error shape (<c>error</c>, <c>details</c>) merged into ProblemDetails, naming the field.</summary>
    public static StartAnswer Problem(string error, string details, string field, int status = StatusCodes.Status400BadRequest)
    {
        var body = new Dictionary<string, object>
        {
            ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            ["title"] = error,
            ["status"] = status,
            ["detail"] = details,
            ["error"] = error,
            ["details"] = details,
            ["field"] = field,
            ["errors"] = new Dictionary<string, string[]> { [field] = [details] },
        };
        return new StartAnswer(status, JsonSerializer.Serialize(body, Json), "application/problem+json");
    }

    private ValueTask AuditAsync(
        StartTrigger trigger, string? from, ReadOnlyMemory<byte> body, string outcome, int started, CancellationToken cancellationToken) =>
        audit.RecordAsync(
            new StartAuditEntry(time.GetUtcNow(), trigger, from, Encoding.UTF8.GetString(body.Span), outcome, started),
            cancellationToken);
}
