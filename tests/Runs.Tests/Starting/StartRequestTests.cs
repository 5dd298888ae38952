using System.Text;
using System.Text.Json;
using Courier.Domain.Starting;
using Courier.Domain.Model;

namespace Courier.Runs.Tests.Starting;

public sealed class StartRequestTests
{
    private readonly TaskCatalog _catalog = new();
    private readonly StartableTask _dashboard;
    private readonly StartableTask _sales;
    private readonly StartableTask _ops;
    private readonly StartableTask _disabled;

    public StartRequestTests()
    {
        _dashboard = _catalog.Add("Financial Dashboard Reload", tags: ["financial-reports", "urgent"], properties: new CustomProperty { Name = "department", Value = "finance" });
        _sales = _catalog.Add("Sales Report Update", tags: ["daily-refresh"], properties: new CustomProperty { Name = "taskGroup", Value = "operational-dashboards" });
        _ops = _catalog.Add("Ops Board", tags: ["daily-refresh"], properties: new CustomProperty { Name = "priority", Value = "high" });
        _disabled = _catalog.Add("Retired Extract", enabled: false, tags: ["daily-refresh"]);
    }

    private async Task<StartReport> StartAsync(string? path, string body, bool allMustExist = false, StartAllowList? allow = null)
    {
        var selection = StartRequestParser.Parse(path, Encoding.UTF8.GetBytes(body), allMustExist);
        var service = new TaskStartService(new StartPlanner(_catalog), _catalog);
        return await service.StartAsync(selection, allow ?? StartAllowList.Open, new StartTrigger("http", "test", "r1"), CancellationToken.None);
    }

    private static JsonElement AsJson(object response) =>
        JsonSerializer.SerializeToElement(response, response.GetType(), JsonSerializerOptions.Web);

    [Fact]
    public async Task A_single_task_by_id_in_the_path_with_an_empty_body_starts_it()
    {
        var report = await StartAsync(_dashboard.Id.ToString(), "{}");

        var response = CourierStartResponse.From(report);
        var started = Assert.Single(response.TasksStarted);
        Assert.Equal((_dashboard.Id.ToString(), "Financial Dashboard Reload", "started"), (started.TaskId, started.TaskName, started.Status));
        Assert.NotNull(started.RunId);
        Assert.Equal(1, response.TotalTasksStarted);
        Assert.Equal([_dashboard.Id], _catalog.StartedIds);
    }

    [Fact]
    public async Task Several_ids_in_the_body_start_each_task()
    {
        var report = await StartAsync("-", $$"""{ "taskId": ["{{_dashboard.Id}}", "{{_sales.Id}}"] }""");

        Assert.Equal([_dashboard.Id, _sales.Id], _catalog.StartedIds);
        Assert.Equal(2, CourierStartResponse.From(report).TotalTasksStarted);
    }

    [Fact]
    public async Task Tags_start_every_enabled_task_carrying_any_of_them_and_report_the_disabled_one()
    {
        var report = await StartAsync("-", """{ "tag": ["financial-reports", "daily-refresh"] }""");

        Assert.Equal([_dashboard.Id, _sales.Id, _ops.Id], _catalog.StartedIds);
        var notStarted = Assert.Single(CourierStartResponse.From(report).TasksNotStarted);
        Assert.Equal((_disabled.Id.ToString(), "disabled"), (notStarted.TaskId, notStarted.Status));
    }

    [Fact]
    public async Task Custom_properties_need_name_and_value_to_match()
    {
        await StartAsync("-", """
            { "customProperty": [ { "name": "taskGroup", "value": "operational-dashboards" },
                                  { "name": "priority", "value": "high" },
                                  { "name": "priority", "value": "low" } ] }
            """);

        Assert.Equal([_sales.Id, _ops.Id], _catalog.StartedIds);
    }

    [Fact]
    public async Task Combined_criteria_start_the_union_once_and_say_what_matched()
    {
        var report = await StartAsync("-", $$"""
            { "taskId": ["{{_dashboard.Id}}"], "tag": ["urgent"],
              "customProperty": [ { "name": "department", "value": "finance" } ] }
            """);

        Assert.Equal([_dashboard.Id], _catalog.StartedIds);
        var started = Assert.Single(CourierStartResponse.From(report).TasksStarted);
        Assert.Equal(["taskId", "tag:urgent", "customProperty:department=finance"], started.MatchedBy);
    }

    [Fact]
    public async Task Upper_case_and_repeated_ids_start_the_task_once()
    {
        var upper = _sales.Id.ToString().ToUpperInvariant();

        await StartAsync(upper, $$"""{ "taskId": ["{{upper}}", "{{_sales.Id}}"] }""");

        Assert.Equal([_sales.Id], _catalog.StartedIds);
    }

    [Fact]
    public void A_malformed_guid_rejects_the_courier_form_with_the_seed_error_naming_the_field()
    {
        var error = Assert.Throws<StartRequestException>(() =>
            StartRequestParser.Parse("-", Encoding.UTF8.GetBytes($$"""{ "taskId": ["{{_sales.Id}}", "not-a-guid"] }"""), false));

        Assert.Equal(("Invalid task ID format", "Task ID must be a valid GUID", "taskId[1]"), (error.Error, error.Details, error.Field));
    }

    [Fact]
    public void A_malformed_guid_in_the_path_names_the_path()
    {
        var error = Assert.Throws<StartRequestException>(() => StartRequestParser.Parse("a8b4c123", "{}"u8, false));

        Assert.Equal("path.taskId", error.Field);
    }

    [Theory]
    [InlineData("{ \"taskId\": ", "$")]
    [InlineData("{ \"taskIds\": [] }", "taskIds")]
    [InlineData("{ \"tag\": \"finance\" }", "tag")]
    [InlineData("{ \"tag\": [42] }", "tag[0]")]
    [InlineData("{ \"customProperty\": [ { \"name\": \"x\" } ] }", "customProperty[0].value")]
    [InlineData("\"just a string\"", "$")]
    [InlineData("[ { \"type\": \"starttaskid\" } ]", "[0].payload")]
    [InlineData("[ { \"type\": \"starttasktag\", \"payload\": { \"tags\": \"x\" } } ]", "[0].payload.tag")]
    public void Malformed_bodies_are_rejected_naming_the_field(string body, string field)
    {
        var error = Assert.Throws<StartRequestException>(() => StartRequestParser.Parse("-", Encoding.UTF8.GetBytes(body), false));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task Unknown_ids_are_reported_and_the_known_ones_still_start()
    {
        var unknown = Guid.NewGuid();

        var report = await StartAsync("-", $$"""{ "taskId": ["{{_sales.Id}}", "{{unknown}}"] }""");

        var response = CourierStartResponse.From(report);
        Assert.Equal([unknown.ToString()], response.TasksNotFound);
        Assert.Equal([_sales.Id], _catalog.StartedIds);
    }

    [Fact]
    public async Task All_task_ids_must_exist_holds_back_id_selected_tasks_but_not_tag_selected_ones()
    {
        var report = await StartAsync("-", $$"""{ "taskId": ["{{_sales.Id}}", "{{Guid.NewGuid()}}"], "tag": ["financial-reports"] }""", allMustExist: true);

        Assert.Equal([_dashboard.Id], _catalog.StartedIds);
        var skipped = Assert.Single(CourierStartResponse.From(report).TasksNotStarted);
        Assert.Equal((_sales.Id.ToString(), "skipped"), (skipped.TaskId, skipped.Status));
    }

    [Fact]
    public async Task A_tag_that_matches_nothing_is_no_error_and_is_reported()
    {
        var report = await StartAsync("-", """{ "tag": ["no-such-tag"] }""");

        var response = CourierStartResponse.From(report);
        Assert.Empty(_catalog.StartedIds);
        Assert.Equal(["tag:no-such-tag"], response.SelectorsMatchingNothing);
        Assert.Equal(0, response.TotalTasksStarted);
    }

    [Fact]
    public async Task A_running_task_is_not_started_again()
    {
        _catalog.Running.Add(_ops.Id);

        var report = await StartAsync(_ops.Id.ToString(), "");

        var entry = Assert.Single(CourierStartResponse.From(report).TasksNotStarted);
        Assert.Equal("alreadyRunning", entry.Status);
        Assert.NotNull(entry.RunId);
    }

    [Fact]
    public async Task The_allow_list_is_additive_for_tasks_named_by_id_and_exact_for_tags_and_properties()
    {
        var allow = new StartAllowList
        {
            Enabled = true,
            TaskIds = [_sales.Id],
            Tags = ["urgent"],
            CustomProperties = [new CustomProperty { Name = "priority", Value = "high" }],
        };

        var report = await StartAsync("-", $$"""
            { "taskId": ["{{_sales.Id}}", "{{_dashboard.Id}}", "{{_ops.Id}}", "{{_disabled.Id}}"],
              "tag": ["daily-refresh"], "customProperty": [ { "name": "department", "value": "finance" } ] }
            """, allow: allow);

        // _dashboard carries the allowed tag "urgent"; _ops the allowed property; _disabled nothing allowed.
        Assert.Equal([_sales.Id, _dashboard.Id, _ops.Id], _catalog.StartedIds);
        var response = CourierStartResponse.From(report);
        Assert.Equal(["daily-refresh"], response.TagsDenied);
        Assert.Equal([new CustomProperty { Name = "department", Value = "finance" }], response.CustomPropertiesDenied);
        Assert.Equal((_disabled.Id.ToString(), "denied"), (response.TasksNotStarted.Single().TaskId, response.TasksNotStarted.Single().Status));
    }

    [Fact]
    public async Task The_courier_form_answer_uses_the_seed_field_names()
    {
        var json = AsJson(CourierStartResponse.From(await StartAsync(_dashboard.Id.ToString(), "{}")));

        Assert.Equal(1, json.GetProperty("totalTasksStarted").GetInt32());
        var started = json.GetProperty("tasksStarted")[0];
        Assert.Equal(_dashboard.Id.ToString(), started.GetProperty("taskId").GetString());
        Assert.Equal("Financial Dashboard Reload", started.GetProperty("taskName").GetString());
        Assert.Equal("started", started.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("tasksNotFound").ValueKind);
    }

    [Fact]
    public async Task The_butler_array_form_is_answered_in_butlers_shape()
    {
        var unknown = Guid.NewGuid();
        var report = await StartAsync("-", $$"""
            [ { "type": "starttaskid", "payload": { "taskId": "{{_dashboard.Id}}" } },
              { "type": "starttaskid", "payload": { "taskId": "bad-id" } },
              { "type": "starttaskid", "payload": { "taskId": "{{unknown}}" } },
              { "type": "starttasktag", "payload": { "tag": "daily-refresh" } },
              { "type": "starttasktag", "payload": { "tag": "urgent" } },
              { "type": "starttaskcustomproperty", "payload": { "customPropertyName": "priority", "customPropertyValue": "high" } },
              { "type": "keyvaluestore", "payload": { "namespace": "n", "key": "k", "value": "v", "ttl": 0 } } ]
            """, allow: new StartAllowList { Enabled = true, TaskIds = [_dashboard.Id], Tags = ["daily-refresh"] });

        Assert.Equal(StartRequestForm.Butler, report.Plan.Selection.Form);
        var json = AsJson(ButlerStartResponse.From(report));
        var ids = json.GetProperty("tasksId");
        Assert.Equal(_dashboard.Id.ToString(), ids.GetProperty("started")[0].GetProperty("taskId").GetString());
        Assert.Equal(["bad-id", unknown.ToString()], ids.GetProperty("invalid").EnumerateArray().Select(e => e.GetProperty("taskId").GetString()));
        Assert.Equal(
            [_sales.Id.ToString(), _ops.Id.ToString()],
            json.GetProperty("tasksTag").EnumerateArray().Select(e => e.GetProperty("taskId").GetString()));
        Assert.Equal("urgent", json.GetProperty("tasksTagDenied")[0].GetProperty("tag").GetString());
        Assert.Equal("priority", json.GetProperty("tasksCPDenied")[0].GetProperty("name").GetString());
        Assert.Equal(0, json.GetProperty("tasksCP").GetArrayLength());
        Assert.Equal("disabled", json.GetProperty("tasksNotStarted")[0].GetProperty("status").GetString());
        Assert.Equal([_dashboard.Id, _sales.Id, _ops.Id], _catalog.StartedIds);
    }
}
