using System.Net;
using Courier.Domain.Runs;
using Courier.Functions.Tests.Api;
using Courier.Testing;

namespace Courier.Functions.Tests.Starts;

/// <summary>
/// The start API's documented answers at the edges (issue 7, anchors §F): selectors matching nothing,
/// duplicates across id, tag and property, GUID letter case, <c>allTaskIdsMustExist</c>, Butler's tag
/// and property items, and the audit row every start leaves.
/// </summary>
[Collection(SharedCatalogHost.Name)]
public sealed class StartSelectionTests(CatalogHost host)
{
    private RunRepository Runs => StartCalls.Runs(host.StorageConnectionString);

    [Fact]
    public async Task A_tag_that_matches_nothing_starts_nothing_and_is_named_in_the_answer()
    {
        using var admin = await host.ClientAsync();
        var tag = UniqueName.For("nothing");

        var courier = await StartCalls.PostAsync(admin, "/v4/reloadtask/-/start", $$"""{ "tag": ["{{tag}}"] }""");
        var butler = await StartCalls.PostAsync(admin, "/v4/reloadtask/-/start", $$"""[ { "type": "starttasktag", "payload": { "tag": "{{tag}}" } } ]""");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (courier.Status, butler.Status));
        Assert.Empty(courier.Body.GetProperty("tasksStarted").EnumerateArray());
        Assert.Empty(courier.Body.GetProperty("tasksNotFound").EnumerateArray());
        Assert.Equal(0, courier.Body.GetProperty("totalTasksStarted").GetInt32());
        Assert.Equal(new[] { $"tag:{tag}" }, courier.Body.GetProperty("selectorsMatchingNothing").EnumerateArray().Select(s => s.GetString()));
        Assert.Empty(butler.Body.GetProperty("tasksTag").EnumerateArray());
        Assert.Empty(butler.Body.GetProperty("tasksTagDenied").EnumerateArray());
    }

    [Fact]
    public async Task A_task_named_by_id_in_both_letter_cases_and_by_tag_and_property_starts_once()
    {
        using var admin = await host.ClientAsync();
        var tag = UniqueName.For("dup");
        var task = await StartCalls.CreateTaskAsync(admin, tag);
        var id = task.Id.ToString();

        var call = await StartCalls.PostAsync(admin, $"/v4/reloadtask/{id.ToUpperInvariant()}/start", $$"""
            { "taskId": ["{{id}}", "{{id.ToUpperInvariant()}}"], "tag": ["{{tag}}", "{{tag}}"],
              "customProperty": [ { "name": "startGroup", "value": "{{tag}}" } ] }
            """);

        Assert.Equal(HttpStatusCode.OK, call.Status);
        var started = Assert.Single(call.Body.GetProperty("tasksStarted").EnumerateArray());
        Assert.Equal(id, started.GetProperty("taskId").GetString());
        Assert.Equal(
            new[] { "customProperty:startGroup=" + tag, "tag:" + tag, "taskId" },
            started.GetProperty("matchedBy").EnumerateArray().Select(m => m.GetString()).Order());
        Assert.Equal(1, call.Body.GetProperty("totalTasksStarted").GetInt32());
        Assert.Single(await StartCalls.RecordedRunsAsync(Runs, task.Id));
    }

    [Fact]
    public async Task All_task_ids_must_exist_holds_back_every_task_selected_by_id_but_not_those_selected_by_tag()
    {
        using var admin = await host.ClientAsync();
        var byId = await StartCalls.CreateTaskAsync(admin, UniqueName.For("mustid"));
        var byTagName = UniqueName.For("musttag");
        var byTag = await StartCalls.CreateTaskAsync(admin, byTagName);
        var unknown = Guid.NewGuid();

        var call = await StartCalls.PostAsync(admin, "/v4/reloadtask/-/start?allTaskIdsMustExist=true",
            $$"""{ "taskId": ["{{byId.Id}}", "{{unknown}}"], "tag": ["{{byTagName}}"] }""");

        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.Equal(new[] { byTag.Id.ToString() }, call.TaskIdsIn("tasksStarted"));
        var held = Assert.Single(call.Body.GetProperty("tasksNotStarted").EnumerateArray());
        Assert.Equal((byId.Id.ToString(), "skipped"), (held.GetProperty("taskId").GetString(), held.GetProperty("status").GetString()));
        Assert.Contains(unknown.ToString(), held.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(new[] { unknown.ToString() }, call.Body.GetProperty("tasksNotFound").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(await Runs.ForTaskAsync(byId.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Butler_form_with_all_task_ids_must_exist_lists_the_held_back_id_as_denied_and_the_unknown_as_invalid()
    {
        using var admin = await host.ClientAsync();
        var known = await StartCalls.CreateTaskAsync(admin, UniqueName.For("butlermust"));
        var unknown = Guid.NewGuid();

        var call = await StartCalls.PostAsync(admin, "/v4/reloadtask/-/start?allTaskIdsMustExist=true", $$"""
            [ { "type": "starttaskid", "payload": { "taskId": "{{known.Id}}" } },
              { "type": "starttaskid", "payload": { "taskId": "{{unknown}}" } } ]
            """);

        var ids = call.Body.GetProperty("tasksId");
        Assert.Empty(ids.GetProperty("started").EnumerateArray());
        Assert.Equal(new[] { known.Id.ToString() }, ids.GetProperty("denied").EnumerateArray().Select(e => e.GetProperty("taskId").GetString()));
        Assert.Equal(new[] { unknown.ToString() }, ids.GetProperty("invalid").EnumerateArray().Select(e => e.GetProperty("taskId").GetString()));
        Assert.Empty(await Runs.ForTaskAsync(known.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Butler_tag_and_property_items_start_a_task_once_and_unknown_item_types_are_skipped()
    {
        using var admin = await host.ClientAsync();
        var tag = UniqueName.For("butlertag");
        var task = await StartCalls.CreateTaskAsync(admin, tag);

        var call = await StartCalls.PostAsync(admin, "/v4/reloadtask/-/start", $$"""
            [ { "type": "starttasktag", "payload": { "tag": "{{tag}}" } },
              { "type": "starttaskcustomproperty", "payload": { "customPropertyName": "startGroup", "customPropertyValue": "{{tag}}" } },
              { "type": "keyvaluestore", "payload": { "namespace": "ns", "key": "k", "value": "v", "ttl": 0 } } ]
            """);

        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.Equal(new[] { task.Id.ToString() }, call.TaskIdsIn("tasksTag"));
        Assert.Empty(call.Body.GetProperty("tasksCP").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(call.Body.GetProperty("tasksTag")[0].GetProperty("runId").GetString()));
        Assert.Single(await StartCalls.RecordedRunsAsync(Runs, task.Id));
    }

    [Fact]
    public async Task Every_start_is_audited_with_the_key_the_address_the_request_and_the_outcome()
    {
        using var admin = await host.ClientAsync();
        var tag = UniqueName.For("audit");
        var task = await StartCalls.CreateTaskAsync(admin, tag);
        using var starter = await host.ClientAsync("starter");
        var request = $$"""{ "tag": ["{{tag}}"] }""";
        var rejected = $$"""{ "taskId": ["{{tag}}"] }""";
        var caller = IPAddress.Parse("203.0.113.7");

        var call = await StartCalls.PostFromAsync(host.Server, caller, starter, "/v4/reloadtask/start", request);
        await StartCalls.PostFromAsync(host.Server, caller, starter, "/v4/reloadtask/start", rejected);

        var runId = call.Body.GetProperty("tasksStarted")[0].GetProperty("runId").GetString()!;
        var audited = await StartCalls.AuditedAsync(host.StorageConnectionString, e => e.Request == request, "the start");
        Assert.Equal(("http", StartCalls.KeyIdOf(starter), "203.0.113.7", 1), (audited.Trigger.Kind, audited.Trigger.By, audited.From, audited.TasksStarted));
        Assert.Contains(task.Id.ToString(), audited.Outcome, StringComparison.Ordinal);
        Assert.Contains(runId, audited.Outcome, StringComparison.Ordinal);
        var refused = await StartCalls.AuditedAsync(host.StorageConnectionString, e => e.Request == rejected, "the rejected start");
        Assert.Contains("Task ID must be a valid GUID", refused.Outcome, StringComparison.Ordinal);
        Assert.Equal((StartCalls.KeyIdOf(starter), "203.0.113.7", 0), (refused.Trigger.By, refused.From, refused.TasksStarted));
    }

    [Fact]
    public async Task The_audit_names_the_caller_a_trusted_proxy_forwards_and_ignores_the_header_from_anyone_else()
    {
        using var admin = await host.ClientAsync();
        var tag = UniqueName.For("proxied");
        await StartCalls.CreateTaskAsync(admin, tag);
        using var starter = await host.ClientAsync("starter");
        var viaProxy = $$"""{ "tag": ["{{tag}}"], "customProperty": [] }""";
        var spoofed = $$"""{ "tag": ["{{tag}}"], "taskId": [] }""";

        await StartCalls.PostFromAsync(host.Server, IPAddress.Parse(CatalogHost.TrustedProxy), starter, "/v4/reloadtask/start", viaProxy, forwardedFor: "203.0.113.9");
        await StartCalls.PostFromAsync(host.Server, IPAddress.Parse("203.0.113.7"), starter, "/v4/reloadtask/start", spoofed, forwardedFor: "10.9.9.9");

        Assert.Equal("203.0.113.9", (await StartCalls.AuditedAsync(host.StorageConnectionString, e => e.Request == viaProxy, "the proxied start")).From);
        Assert.Equal("203.0.113.7", (await StartCalls.AuditedAsync(host.StorageConnectionString, e => e.Request == spoofed, "the spoofed start")).From);
    }
}
