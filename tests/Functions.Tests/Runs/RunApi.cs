using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Courier.Domain.Model;
using Courier.Functions.Tests.Api;
using Courier.Testing;

namespace Courier.Functions.Tests.Runs;

/// <summary>What the run API tests do over and over: a project with a PostgreSQL connection, a one-query task, start it, wait for it.</summary>
internal static class RunApi
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>A project and a PostgreSQL connection to the servers' database, for one test.</summary>
    public static async Task<(Guid Project, Guid Database)> WorldAsync(HttpClient admin, EndToEndServers servers) =>
        (await EndToEndServers.CreateAsync(admin, "/api/projects", ApiSamples.Project() with { Name = UniqueName.For("runs"), Filters = [] }),
         await EndToEndServers.CreateAsync(admin, "/api/connections", servers.PostgresConnection()));

    /// <summary>An enabled task with one report of one query into <c>one.csv</c>, no destinations and no retries.</summary>
    public static TaskDefinition Task(Guid project, Guid database, string query, string name = "task") => new()
    {
        Name = UniqueName.For(name),
        ProjectId = project,
        Owner = "alice",
        Enabled = true,
        Reports =
        [
            new ReportDefinition
            {
                Name = "one",
                Source = new SourceDefinition { Kind = SourceKind.Sql, ConnectionId = database, Query = new CodeLocation { Text = query } },
                Output = new ReportOutput { FileNameTemplate = "one.csv" },
            },
        ],
    };

    public static async Task<Guid> CreateAsync(HttpClient admin, TaskDefinition task) =>
        await EndToEndServers.CreateAsync(admin, "/api/tasks", task);

    /// <summary>Starts a manual run and answers its id.</summary>
    public static async Task<string> StartAsync(HttpClient admin, Guid taskId)
    {
        using var started = await admin.PostAsync($"/api/tasks/{taskId}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
    }

    public static async Task<JsonElement> DetailAsync(HttpClient admin, string runId) =>
        await EndToEndServers.GetAsync(admin, $"/api/runs/{Uri.EscapeDataString(runId)}");

    /// <summary>The run detail once the run's record shows <paramref name="status"/> (any status that ends a run, when null).</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient admin, string runId, string? status = null) =>
        await Eventually.HoldsAsync(
            () => DetailAsync(admin, runId),
            detail => status is null ? detail.GetProperty("run").GetProperty("isFinished").GetBoolean() : Status(detail) == status,
            Deadline,
            $"run {runId} to be {status ?? "finished"}");

    /// <summary>A run that has finished, checked to have ended <paramref name="status"/> (its reason shown otherwise).</summary>
    public static async Task<JsonElement> RunToEndAsync(HttpClient admin, Guid taskId, string status = "succeeded")
    {
        var detail = await WaitAsync(admin, await StartAsync(admin, taskId));
        Assert.True(Status(detail) == status, $"The run ended {Status(detail)}, not {status}: {detail.GetProperty("run").GetProperty("reason")}");
        return detail;
    }

    public static string Status(JsonElement detail) => detail.GetProperty("run").GetProperty("status").GetString()!;

    public static string RunId(JsonElement detail) => detail.GetProperty("run").GetProperty("runId").GetString()!;

    /// <summary>The task's runs, first page (at most 50).</summary>
    public static async Task<List<JsonElement>> RunsOfAsync(HttpClient admin, Guid taskId) =>
        [.. (await EndToEndServers.GetAsync(admin, $"/api/runs?taskId={taskId}")).GetProperty("items").EnumerateArray()];

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }
}
