using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Courier.Domain.Model;
using Courier.Domain.Runs;
using Courier.Domain.Security;
using Courier.Domain.Starting;
using Courier.Functions.Auth;
using Courier.Functions.Tests.Api;
using Courier.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Courier.Functions.Tests.Starts;

/// <summary>What the start tests do through the host: make tasks to start, call the start API, read runs and audit rows.</summary>
public static class StartCalls
{
    public static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(90);

    /// <summary>Audit rows (batched in the background) and run records may be written just after the answer; tests wait this long for them.</summary>
    public static readonly TimeSpan TrailingWriteDeadline = TimeSpan.FromSeconds(10);

    /// <summary>A startable task (no rank, no retries unless asked) reached by <paramref name="tags"/> and <paramref name="properties"/>.</summary>
    public static TaskDefinition Startable(
        ApiSamples.World world, string name, IReadOnlyList<string> tags, IReadOnlyList<CustomProperty> properties) =>
        ApiSamples.Task(world, name) with
        {
            Rank = null,
            Tags = tags,
            CustomProperties = properties,
            Retry = new RetryPolicy { MaxRetries = 0, FirstDelay = TimeSpan.FromMinutes(10) },
        };

    /// <summary>A task in a world of its own, tagged <paramref name="tag"/> and with custom property startGroup=<paramref name="tag"/>.</summary>
    public static async Task<TaskDefinition> CreateTaskAsync(HttpClient admin, string tag, bool enabled = true, int maxRetries = 0)
    {
        var world = await ApiSamples.WorldAsync(admin);
        var task = Startable(world, $"Start {tag}", [tag], [new CustomProperty { Name = "startGroup", Value = tag }]) with
        {
            Enabled = enabled,
            Retry = new RetryPolicy { MaxRetries = maxRetries, FirstDelay = TimeSpan.FromMinutes(10) },
        };
        return await CreateAsync(admin, task);
    }

    public static async Task<TaskDefinition> CreateAsync(HttpClient admin, TaskDefinition task) =>
        task with { Id = await ApiSamples.CreatedAsync(admin, "/api/tasks", task) };

    public static Task<StartCall> PostAsync(HttpClient client, string path, string body, string? idempotencyKey = null) =>
        SendAsync(client, HttpMethod.Post, path, body, idempotencyKey);

    public static async Task<StartCall> SendAsync(HttpClient client, HttpMethod method, string path, string body, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new StartCall(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType ?? "");
    }

    /// <summary>
    /// A POST whose caller is at <paramref name="from"/>: the in-memory server has no network and leaves the
    /// caller's address empty, so the test sets it on the connection as Kestrel would. Sends <paramref name="keyHolder"/>'s key.
    /// </summary>
    public static async Task<StartCall> PostFromAsync(TestServer server, IPAddress from, HttpClient keyHolder, string path, string body, string? forwardedFor = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(keyHolder);
        var key = keyHolder.DefaultRequestHeaders.GetValues(ApiKeyDefaults.HeaderName).Single();
        var context = await server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = from;
            c.Request.Method = HttpMethods.Post;
            c.Request.Path = path;
            c.Request.Headers[ApiKeyDefaults.HeaderName] = key;
            c.Request.ContentType = "application/json";
            if (forwardedFor is not null)
            {
                c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
            c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        });
        using var answer = await JsonDocument.ParseAsync(context.Response.Body);
        return new StartCall((HttpStatusCode)context.Response.StatusCode, answer.RootElement.Clone(), context.Response.ContentType ?? "");
    }

    /// <summary>The id of the key a client sends, as the host records it (who started).</summary>
    public static string KeyIdOf(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var key = client.DefaultRequestHeaders.GetValues(ApiKeyDefaults.HeaderName).Single();
        return key == CatalogHost.BootstrapKey
            ? ApiKeyDefaults.BootstrapKeyId
            : ApiKeySecret.IdOf(key) ?? throw new InvalidOperationException("The client does not send a stored API key.");
    }

    public static RunRepository Runs(string storageConnectionString) => new(new TableServiceClient(storageConnectionString));

    public static Task<RunRecord> FinishedRunAsync(RunRepository runs, Guid taskId, string runId) => Eventually.HoldsAsync(
        async () => await runs.GetAsync(taskId, runId, CancellationToken.None),
        run => run is { IsFinished: true },
        RunDeadline,
        $"run {runId} to finish")!;

    /// <summary>The task's run records once there is at least one, so a record written just after the answer is not missed.</summary>
    public static Task<IReadOnlyList<RunRecord>> RecordedRunsAsync(RunRepository runs, Guid taskId) => Eventually.HoldsAsync(
        () => runs.ForTaskAsync(taskId, CancellationToken.None), r => r.Count > 0, TrailingWriteDeadline, $"a run record of task {taskId}");

    /// <summary>The run's record, waited for briefly in case it is written just after the answer.</summary>
    public static Task<RunRecord> RecordedRunAsync(RunRepository runs, Guid taskId, string runId) => Eventually.HoldsAsync(
        async () => await runs.GetAsync(taskId, runId, CancellationToken.None), run => run is not null, TrailingWriteDeadline, $"the record of run {runId}")!;

    /// <summary>Waits for the audit row of the request that <paramref name="matches"/> (today's or, just after midnight, yesterday's).</summary>
    public static async Task<StartAuditEntry> AuditedAsync(string storageConnectionString, Func<StartAuditEntry, bool> matches, string what)
    {
        var audit = new StartAuditLog(new TableServiceClient(storageConnectionString).GetTableClient(StartAuditLog.TableName));
        var found = await Eventually.HoldsAsync(
            async () =>
            {
                var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
                var rows = new List<StartAuditEntry>();
                foreach (var day in new[] { today, today.AddDays(-1) })
                {
                    rows.AddRange(await ReadDayOrNothingAsync(audit, day));
                }
                return rows.FirstOrDefault(matches);
            },
            row => row is not null,
            TrailingWriteDeadline,
            $"the audit row of {what}");
        return found!;
    }

    /// <summary>The audit table is created on the first start; before that there is nothing to read.</summary>
    private static async Task<IReadOnlyList<StartAuditEntry>> ReadDayOrNothingAsync(StartAuditLog audit, DateOnly day)
    {
        try
        {
            return await audit.ReadDayAsync(day, CancellationToken.None);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }
}
