using System.Net;
using Courier.Domain.Model;

namespace Courier.Functions.Tests.Starts;

/// <summary>
/// Every request example of seed 001 ("Start Sense Tasks"), path and body as written there (only its
/// example GUIDs replaced by real task ids), sent with POST and with PUT: each starts exactly the tasks
/// its ids, tags and custom properties select, answered <c>tasksStarted[{taskId, taskName, status, runId}],
/// tasksNotFound, totalTasksStarted</c>.
/// </summary>
[Collection(SharedStartSeedHost.Name)]
public sealed class StartSeedExampleTests(StartSeedHost seed)
{
    private static readonly Dictionary<string, Example> Examples = new()
    {
        ["single task by id"] = new(
            "/v4/reloadtask/a8b4c123-def4-5678-9abc-def012345678/start",
            """
            {}
            """,
            w => [w.FinancialDashboard]),
        ["multiple tasks by id"] = new(
            "/v4/reloadtask/-/start",
            """
            {
              "taskId": [
                "a8b4c123-def4-5678-9abc-def012345678",
                "b9c5d234-efe5-6789-abcd-ef0123456789"
              ]
            }
            """,
            w => [w.FinancialDashboard, w.SalesReport]),
        ["tasks by tags"] = new(
            "/v4/reloadtask/-/start",
            """
            {
              "tag": [
                "financial-reports",
                "daily-refresh"
              ]
            }
            """,
            w => [w.MonthEndClose, w.NightlyRefresh, w.LedgerReload]),
        ["tasks by custom properties"] = new(
            "/v4/reloadtask/-/start",
            """
            {
              "customProperty": [
                {
                  "name": "taskGroup",
                  "value": "operational-dashboards"
                },
                {
                  "name": "priority",
                  "value": "high"
                }
              ]
            }
            """,
            w => [w.OperationsDashboard, w.PriorityKpis]),
        ["combined criteria"] = new(
            "/v4/reloadtask/-/start",
            """
            {
              "taskId": ["a8b4c123-def4-5678-9abc-def012345678"],
              "tag": ["urgent"],
              "customProperty": [
                {
                  "name": "department",
                  "value": "finance"
                }
              ]
            }
            """,
            w => [w.FinancialDashboard, w.UrgentRestatement]),
        ["webhook integration"] = new(
            "/v4/reloadtask/start",
            """
            {
                "tag": ["data-refresh"],
                "customProperty": [
                  {
                    "name": "source",
                    "value": "erp-system"
                  }
                ]
              }
            """,
            w => [w.ErpLanding, w.ErpExtract]),
    };

    public static TheoryData<string, string> ExamplesAndMethods()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Examples.Keys)
        {
            data.Add(name, "POST");
            data.Add(name, "PUT");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ExamplesAndMethods))]
    public async Task The_seed_example_starts_exactly_the_tasks_it_selects(string example, string method)
    {
        var (path, body, expected) = Examples[example];
        var tasks = expected(seed.World);
        using var client = await seed.Host.ClientAsync("starter");

        var call = await StartCalls.SendAsync(client, new HttpMethod(method), seed.World.Substitute(path), seed.World.Substitute(body));

        Assert.Equal((HttpStatusCode.OK, "application/json"), (call.Status, call.ContentType));
        Assert.Equal(tasks.Select(t => t.Id.ToString()).Order(), call.TaskIdsIn("tasksStarted").Order());
        Assert.Equal(tasks.Count, call.Body.GetProperty("totalTasksStarted").GetInt32());
        Assert.Empty(call.Body.GetProperty("tasksNotFound").EnumerateArray());
        Assert.Empty(call.Body.GetProperty("tasksNotStarted").EnumerateArray());
        var runs = StartCalls.Runs(seed.Host.StorageConnectionString);
        foreach (var started in call.Body.GetProperty("tasksStarted").EnumerateArray())
        {
            var task = tasks.Single(t => t.Id.ToString() == started.GetProperty("taskId").GetString());
            var runId = started.GetProperty("runId").GetString();
            Assert.Equal((task.Name, "started"), (started.GetProperty("taskName").GetString(), started.GetProperty("status").GetString()));
            Assert.False(string.IsNullOrEmpty(runId), $"{task.Name} was reported started without a run id");
            var run = await StartCalls.RecordedRunAsync(runs, task.Id, runId!);
            Assert.Equal(("http", task.Name), (run.TriggerKind, run.TaskName));
        }
    }

    [Fact]
    public async Task The_seed_error_example_is_the_answer_to_a_task_id_that_is_not_a_guid()
    {
        using var client = await seed.Host.ClientAsync("starter");

        var call = await StartCalls.PostAsync(client, "/v4/reloadtask/a8b4c123-def4-5678-9abc/start", "{}");

        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (call.Status, call.ContentType));
        Assert.Equal(
            ("Invalid task ID format", "Task ID must be a valid GUID", "path.taskId"),
            (call.Body.GetProperty("error").GetString(), call.Body.GetProperty("details").GetString(), call.Body.GetProperty("field").GetString()));
    }

    private sealed record Example(string Path, string Body, Func<SeedWorld, IReadOnlyList<TaskDefinition>> Selects);
}
