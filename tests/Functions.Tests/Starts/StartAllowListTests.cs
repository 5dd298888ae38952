using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Courier.Domain.Model;
using Courier.Functions.Triggers;
using Courier.Testing;

namespace Courier.Functions.Tests.Starts;

/// <summary>
/// The start allow-list (<see cref="StartSeedHost"/> lists the seed's tags and properties) holds back a
/// task outside it in Courier's form, in Butler's form (<c>tasksId.denied</c>, <c>tasksTagDenied</c>,
/// <c>tasksCPDenied</c>, as in anchors §A.1) and for a queue message, while allowed tasks in the same
/// request still start.
/// </summary>
[Collection(SharedStartSeedHost.Name)]
public sealed class StartAllowListTests(StartSeedHost seed)
{
    private async Task<TaskDefinition> OutsideTaskAsync(HttpClient admin, string tag) =>
        await StartCalls.CreateAsync(admin, StartCalls.Startable(
            seed.World.Resources, $"Outside {tag}", [tag], [new CustomProperty { Name = "zone", Value = tag }]));

    [Fact]
    public async Task Courier_form_reports_the_task_tag_and_property_outside_the_list_as_denied_and_starts_the_rest()
    {
        using var admin = await seed.Host.ClientAsync();
        var tag = UniqueName.For("outside");
        var outside = await OutsideTaskAsync(admin, tag);
        var allowed = seed.World.SalesReport;

        var call = await StartCalls.PostAsync(admin, "/v4/reloadtask/-/start", $$"""
            { "taskId": ["{{outside.Id}}", "{{allowed.Id}}"], "tag": ["{{tag}}"], "customProperty": [ { "name": "zone", "value": "{{tag}}" } ] }
            """);

        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.Equal(new[] { allowed.Id.ToString() }, call.TaskIdsIn("tasksStarted"));
        var denied = Assert.Single(call.Body.GetProperty("tasksNotStarted").EnumerateArray());
        Assert.Equal((outside.Id.ToString(), "denied"), (denied.GetProperty("taskId").GetString(), denied.GetProperty("status").GetString()));
        Assert.Equal(new[] { tag }, call.Body.GetProperty("tagsDenied").EnumerateArray().Select(t => t.GetString()));
        var property = Assert.Single(call.Body.GetProperty("customPropertiesDenied").EnumerateArray());
        Assert.Equal(("zone", tag), (property.GetProperty("name").GetString(), property.GetProperty("value").GetString()));
        Assert.Equal(1, call.Body.GetProperty("totalTasksStarted").GetInt32());
        Assert.Empty(await StartCalls.Runs(seed.Host.StorageConnectionString).ForTaskAsync(outside.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Butler_form_answers_denials_in_butlers_shape()
    {
        using var admin = await seed.Host.ClientAsync();
        var tag = UniqueName.For("outside");
        var outside = await OutsideTaskAsync(admin, tag);
        var allowed = seed.World.SalesReport;

        var call = await StartCalls.PostAsync(admin, "/v4/reloadtask/-/start", $$"""
            [ { "type": "starttaskid", "payload": { "taskId": "{{outside.Id}}" } },
              { "type": "starttaskid", "payload": { "taskId": "{{allowed.Id}}" } },
              { "type": "starttasktag", "payload": { "tag": "{{tag}}" } },
              { "type": "starttaskcustomproperty", "payload": { "customPropertyName": "zone", "customPropertyValue": "{{tag}}" } } ]
            """);

        Assert.Equal(HttpStatusCode.OK, call.Status);
        var ids = call.Body.GetProperty("tasksId");
        Assert.Equal(new[] { allowed.Id.ToString() }, ids.GetProperty("started").EnumerateArray().Select(e => e.GetProperty("taskId").GetString()));
        Assert.Equal(new[] { outside.Id.ToString() }, ids.GetProperty("denied").EnumerateArray().Select(e => e.GetProperty("taskId").GetString()));
        Assert.Empty(ids.GetProperty("invalid").EnumerateArray());
        Assert.Equal(new[] { tag }, call.Body.GetProperty("tasksTagDenied").EnumerateArray().Select(e => e.GetProperty("tag").GetString()));
        var property = Assert.Single(call.Body.GetProperty("tasksCPDenied").EnumerateArray());
        Assert.Equal(("zone", tag), (property.GetProperty("name").GetString(), property.GetProperty("value").GetString()));
        Assert.Empty(call.Body.GetProperty("tasksTag").EnumerateArray());
        Assert.Empty(call.Body.GetProperty("tasksCP").EnumerateArray());
        Assert.Empty(await StartCalls.Runs(seed.Host.StorageConnectionString).ForTaskAsync(outside.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_queue_message_is_held_to_the_same_list_and_its_denial_is_audited()
    {
        using var admin = await seed.Host.ClientAsync();
        var tag = UniqueName.For("outside");
        var outside = await OutsideTaskAsync(admin, tag);
        var allowed = await StartCalls.CreateAsync(admin, StartCalls.Startable(
            seed.World.Resources, $"Queued {tag}", [StartSeedHost.ExampleTag], []));
        var queue = new QueueServiceClient(seed.Host.StorageConnectionString).GetQueueClient(StartQueueListener.QueueName);
        await queue.CreateIfNotExistsAsync();
        var runs = StartCalls.Runs(seed.Host.StorageConnectionString);

        var sent = await queue.SendMessageAsync($$"""{ "taskId": ["{{outside.Id}}", "{{allowed.Id}}"] }""");

        var started = await Eventually.HoldsAsync(
            () => runs.ForTaskAsync(allowed.Id, CancellationToken.None), r => r.Count == 1, StartCalls.RunDeadline, "the queued start of the allowed task");
        Assert.Equal("queue", started[0].TriggerKind);
        var audited = await StartCalls.AuditedAsync(
            seed.Host.StorageConnectionString, e => e.Trigger.RequestId == sent.Value.MessageId, "the queue message");
        using var outcome = JsonDocument.Parse(audited.Outcome);
        var denied = Assert.Single(outcome.RootElement.GetProperty("tasksNotStarted").EnumerateArray());
        Assert.Equal((outside.Id.ToString(), "denied"), (denied.GetProperty("taskId").GetString(), denied.GetProperty("status").GetString()));
        Assert.Equal(("queue", 1), (audited.Trigger.Kind, audited.TasksStarted));
        Assert.Empty(await runs.ForTaskAsync(outside.Id, CancellationToken.None));
    }
}
