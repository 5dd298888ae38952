using System.Security.Claims;
using Courier.Domain.Delivery;
using Courier.Domain.Destinations;
using Courier.Domain.Pipeline.Storage;
using Courier.Domain.Runs;
using Courier.Domain.Secrets;
using Courier.Domain.Security;
using Courier.Domain.Starting;
using Courier.Domain.Storage;
using Courier.Durable.Client;
using Courier.Functions.Auth;
using Courier.Functions.Runs;

namespace Courier.Functions.Http;

/// <summary>
/// Manual runs (<c>POST /api/tasks/{id}/run</c>, <c>POST /api/projects/{id}/run</c>) and the run APIs under <c>/api/runs</c>: list, detail
/// (steps, files, deliveries), the log (readable while the run goes on), cancel, cancel a pending
/// retry, rerun, download a produced file and resend it.
/// </summary>
public static class RunEndpoints
{
    public static RouteGroupBuilder MapRuns(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/tasks/{id}/run", RunTaskAsync).WithTags("Runs").RequireScope(ApiScope.Operator).AddEndpointFilter<CatalogErrors>()
            .WithSummary("Start a run of the task now (202 with the run id; 409 when disabled or already running).")
            .Produces<StartedRun>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/projects/{id}/run", RunProjectAsync).WithTags("Runs").RequireScope(ApiScope.Operator).AddEndpointFilter<CatalogErrors>()
            .WithSummary("Start a run of the project now: its enabled tasks in parallel or in series (202; 409 when disabled).")
            .Produces<StartedProjectRun>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);
        var runs = api.MapGroup("/runs").WithTags("Runs").RequireScope(ApiScope.Reader).AddEndpointFilter<CatalogErrors>();
        runs.MapGet("/", ListAsync).WithSummary("Runs filtered by taskId, projectId, status, from, to; paged.")
            .Produces<PageResponse<RunRecord>>();
        runs.MapGet("/{runId}", DetailAsync).WithSummary("One run: its record, current step, files and deliveries.")
            .Produces<RunDetail>();
        runs.MapGet("/{runId}/log", LogAsync).WithSummary("The run's log as text, as far as it is written.")
            .Produces<string>(contentType: "text/plain");
        runs.MapGet("/{runId}/files/{name}", DownloadAsync).WithSummary("Download a file the run produced.")
            .Produces<Stream>(contentType: "application/octet-stream");
        runs.MapPost("/{runId}/files/{name}/resend", ResendAsync).RequireScope(ApiScope.Operator)
            .WithSummary("Resend a file the run produced: where it went (target \"original\", the default) or to the task's current destinations (\"current\").")
            .WithMetadata(new CatalogBody(typeof(ResendFileRequest), "application/json") { Required = false })
            .Produces<IReadOnlyList<DeliveryReceipt>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway);
        runs.MapPost("/{runId}/cancel", CancelAsync).WithSummary("Stop a run that is still going; it ends Cancelled.")
            .RequireScope(ApiScope.Operator).Produces<RunRecord>().ProducesProblem(StatusCodes.Status409Conflict);
        runs.MapPost("/{runId}/cancel-retry", CancelRetryAsync).WithSummary("Cancel the pending retry of a run waiting to retry; it ends Failed.")
            .RequireScope(ApiScope.Operator).Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);
        runs.MapPost("/{runId}/rerun", RerunAsync).WithSummary("Start a new run of the same task.")
            .RequireScope(ApiScope.Operator).Produces<StartedRun>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> RunTaskAsync(string id, HttpContext http, TaskRepository tasks, ITaskStarter starter, CancellationToken cancellationToken) =>
        await StartAsync(CatalogRequest.Id(id), http, tasks, starter, "manual", cancellationToken);

    private static async Task<IResult> RunProjectAsync(string id, HttpContext http, ProjectRunStarter starter, CancellationToken cancellationToken)
    {
        var projectId = CatalogRequest.Id(id);
        var by = http.User.FindFirstValue(ApiKeyDefaults.KeyIdClaim) ?? "unknown";
        return await starter.StartAsync(projectId, "manual", by, null, cancellationToken) is { } runId
            ? TypedResults.Accepted($"{ApiGroup.Prefix}/runs?projectId={projectId}", new StartedProjectRun(projectId, runId))
            : Conflict("Project disabled", $"Project {projectId} is disabled; its tasks do not run.");
    }

    private static async Task<IResult> RerunAsync(string runId, HttpContext http, RunQueries queries, TaskRepository tasks, ITaskStarter starter, CancellationToken cancellationToken)
    {
        var run = await queries.FindAsync(runId, cancellationToken) ?? throw new NotFoundException($"Run {runId} does not exist.");
        return await StartAsync(run.TaskId, http, tasks, starter, "rerun", cancellationToken, rerunOf: runId);
    }

    private static async Task<IResult> StartAsync(
        Guid taskId, HttpContext http, TaskRepository tasks, ITaskStarter starter, string kind, CancellationToken cancellationToken, string? rerunOf = null)
    {
        var task = (await tasks.GetRequiredAsync(taskId, cancellationToken)).Value;
        var by = http.User.FindFirstValue(ApiKeyDefaults.KeyIdClaim) ?? "unknown";
        var result = await starter.StartAsync(
            StartableTask.From(task),
            new StartTrigger(kind, by, Guid.NewGuid().ToString("N")) { RerunOf = rerunOf },
            cancellationToken);
        return result.Status switch
        {
            TaskStartStatus.Started => TypedResults.Accepted($"{ApiGroup.Prefix}/runs/{result.RunId}", new StartedRun(task.Id, result.RunId!)),
            TaskStartStatus.AlreadyRunning => Conflict("Already running", $"Task {task.Id} is already running (run {result.RunId}) and does not allow concurrent runs.", result.RunId),
            TaskStartStatus.Disabled => Conflict("Task disabled", $"Task {task.Id} is disabled; disabled tasks never run."),
            _ => Conflict("Not started", $"Task {task.Id} was not started ({result.Status})."),
        };
    }

    private static async Task<IResult> ListAsync(HttpRequest request, RunRepository runs, CancellationToken cancellationToken)
    {
        var filter = new RunFilter
        {
            TaskId = CatalogRequest.OptionalId(request, "taskId"),
            ProjectId = CatalogRequest.OptionalId(request, "projectId"),
            Status = CatalogRequest.Query(request, "status") is { } status
                ? Enum.TryParse<RunStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
                    : throw CatalogRequest.Invalid("status", $"must be one of {string.Join(", ", Enum.GetNames<RunStatus>())}")
                : null,
            From = Time(request, "from"),
            To = Time(request, "to"),
        };
        var page = await runs.ListAsync(filter, CatalogRequest.PageSize(request), CatalogRequest.Query(request, "continuationToken"), cancellationToken);
        return TypedResults.Ok(new PageResponse<RunRecord>(page.Items, page.ContinuationToken));
    }

    private static async Task<IResult> DetailAsync(string runId, RunQueries queries, CancellationToken cancellationToken) =>
        await queries.DetailAsync(runId, cancellationToken) is { } detail
            ? TypedResults.Ok(detail)
            : throw new NotFoundException($"Run {runId} does not exist.");

    private static async Task<IResult> LogAsync(string runId, RunQueries queries, RunLogStore logs, CancellationToken cancellationToken)
    {
        var run = await queries.FindAsync(runId, cancellationToken) ?? throw new NotFoundException($"Run {runId} does not exist.");
        var log = await logs.OpenReadAsync(run.TaskId, runId, cancellationToken) ?? Stream.Null;
        return TypedResults.Stream(log, "text/plain; charset=utf-8");
    }

    private static async Task<IResult> DownloadAsync(string runId, string name, RunFileRepository files, OutputBlobStore store, CancellationToken cancellationToken)
    {
        var file = (await files.ListAsync(runId, cancellationToken)).FirstOrDefault(f => f.Name == name)
            ?? throw new NotFoundException($"Run {runId} has no file named {name}.");
        var blobName = file.BlobPath[(file.BlobPath.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var content = await store.Blob(blobName).OpenReadAsync(cancellationToken: cancellationToken);
        return TypedResults.Stream(content, "application/octet-stream", file.Name);
    }

    /// <summary>
    /// A repeated call with the same <c>Idempotency-Key</c> sends nothing again (each delivery's key includes it);
    /// without one, every call is a new resend.
    /// </summary>
    private static async Task<IResult> ResendAsync(string runId, string name, HttpContext http, RunQueries queries, RunFileRepository files,
        TaskRepository tasks, ProjectRepository projects, RunTaskSnapshots snapshots, RunFileResends resends, CancellationToken cancellationToken)
    {
        var target = await ResendFileRequest.TargetAsync(http.Request, cancellationToken);
        var resendId = http.Request.Headers[StartTaskEndpoints.IdempotencyHeader].ToString() is { Length: > 0 } key
            ? key.Length <= 100 ? key : throw CatalogRequest.Invalid(StartTaskEndpoints.IdempotencyHeader, "must be at most 100 characters")
            : Guid.NewGuid().ToString("N");
        var run = await queries.FindAsync(runId, cancellationToken) ?? throw new NotFoundException($"Run {runId} does not exist.");
        var file = (await files.ListAsync(runId, cancellationToken)).FirstOrDefault(f => f.Name == name)
            ?? throw new NotFoundException($"Run {runId} has no file named {name}.");
        var current = (await tasks.GetRequiredAsync(run.TaskId, cancellationToken)).Value;
        // "Original" means the destinations as the run had them, even if the task was edited since (older runs kept no snapshot).
        var task = target == ResendTarget.OriginalDestinations && await snapshots.GetAsync(run.TaskId, runId, cancellationToken) is { } snapshot
            ? snapshot
            : current;
        var project = (await projects.GetRequiredAsync(current.ProjectId, cancellationToken)).Value;
        var by = http.User.FindFirstValue(ApiKeyDefaults.KeyIdClaim) ?? "unknown";
        try
        {
            return TypedResults.Ok(await resends.ResendAsync(task, project, file, target, by, resendId, cancellationToken));
        }
        catch (KeyNotFoundException e)
        {
            throw new NotFoundException(e.Message, e);
        }
        catch (Exception e) when (e is ArgumentException or SecretUnavailableException)
        {
            // The file cannot go to a destination as it is configured now (these messages name settings, never values).
            return Conflict("Cannot resend", e.Message);
        }
        catch (DeliveryException e)
        {
            // Delivery messages name the destination and host, never a secret; the failed attempt is on the run's deliveries.
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Resend failed", detail: e.Message);
        }
    }

    private static async Task<IResult> CancelAsync(string runId, HttpContext http, RunQueries queries, RunRepository runs, ActiveRuns active,
        DurableTaskClient client, RunCancellations cancellations, TimeProvider time, CancellationToken cancellationToken)
    {
        var run = await queries.FindAsync(runId, cancellationToken) ?? throw new NotFoundException($"Run {runId} does not exist.");
        if (run.IsFinished)
        {
            return Conflict("Run finished", $"Run {runId} already ended {run.Status}.");
        }
        var by = http.User.FindFirstValue(ApiKeyDefaults.KeyIdClaim) ?? "unknown";
        await client.TerminateInstanceAsync(runId, $"Cancelled by {by}.", cancellationToken);
        var now = time.GetUtcNow();
        var cancelled = await runs.UpdateAsync(run.TaskId, runId, current => current.IsFinished ? null
            : current with { Status = RunStatus.Cancelled, Reason = $"Cancelled by {by}.", CompletedAt = now, NextAttemptAt = null }, cancellationToken);
        if (cancelled is not { Status: RunStatus.Cancelled })
        {
            return Conflict("Run finished", $"Run {runId} ended {cancelled?.Status} before it could be cancelled.");
        }
        cancellations.CancelHere(runId);
        await active.ReleaseAsync(run.TaskId, runId, cancellationToken);
        return TypedResults.Ok(cancelled);
    }

    private static async Task<IResult> CancelRetryAsync(string runId, HttpContext http, RunQueries queries, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var run = await queries.FindAsync(runId, cancellationToken) ?? throw new NotFoundException($"Run {runId} does not exist.");
        if (run.Status != RunStatus.RetryScheduled)
        {
            return Conflict("No pending retry", $"Run {runId} is {run.Status}, not waiting to retry.");
        }
        var by = http.User.FindFirstValue(ApiKeyDefaults.KeyIdClaim) ?? "unknown";
        await client.RaiseEventAsync(runId, RunEvents.CancelRetry, by, cancellationToken);
        return TypedResults.Accepted($"{ApiGroup.Prefix}/runs/{runId}");
    }

    private static DateTimeOffset? Time(HttpRequest request, string name) =>
        CatalogRequest.Query(request, name) is not { } text ? null
            : DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value) ? value
            : throw CatalogRequest.Invalid(name, "must be an ISO 8601 date and time");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Conflict(string title, string detail, string? runId = null) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: title, detail: detail,
        extensions: runId is null ? null : new Dictionary<string, object?> { ["runId"] = runId });
}
