using Azure.Data.Tables;
using Courier.Domain.Runs;
using Courier.Durable.Client;
using Courier.Functions.Runs;
using Courier.Functions.Tests.Api;
using Courier.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Courier.Functions.Tests.Starts;

/// <summary>
/// A run recorded Queued whose orchestration does not exist is starting (another host is between the two
/// writes) for a minute, then dead: a host that stopped in between blocks its task for a minute at most.
/// </summary>
[Collection(SharedCatalogHost.Name)]
public sealed class RunLivenessTests(CatalogHost host)
{
    [Fact]
    public async Task A_queued_run_with_no_orchestration_holds_its_task_for_a_minute_then_is_taken_over_and_marked_failed()
    {
        var runs = StartCalls.Runs(host.StorageConnectionString);
        var active = new ActiveRuns(new TableServiceClient(host.StorageConnectionString));
        var liveness = new RunLiveness(host.Services.GetRequiredService<DurableTaskClient>(), runs, TimeProvider.System);
        var now = TimeProvider.System.GetUtcNow();
        var (starting, crashed) = (Queued(now), Queued(now - RunLiveness.StartGrace - TimeSpan.FromSeconds(5)));
        foreach (var run in new[] { starting, crashed })
        {
            await runs.SaveAsync(run, CancellationToken.None);
            Assert.True((await active.TryClaimAsync(run.TaskId, run.RunId, _ => Task.FromResult(true), CancellationToken.None)).Claimed);
        }

        var onStarting = await active.TryClaimAsync(starting.TaskId, "run-next", id => liveness.IsActiveAsync(starting.TaskId, id), CancellationToken.None);
        var onCrashed = await active.TryClaimAsync(crashed.TaskId, "run-next", id => liveness.IsActiveAsync(crashed.TaskId, id), CancellationToken.None);

        Assert.Equal((false, starting.RunId), (onStarting.Claimed, onStarting.HeldBy));
        Assert.True(onCrashed.Claimed);
        var marked = await runs.GetAsync(crashed.TaskId, crashed.RunId, CancellationToken.None);
        Assert.Equal(RunStatus.Failed, marked!.Status);
        Assert.Contains("never started", marked.Reason, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Queued, (await runs.GetAsync(starting.TaskId, starting.RunId, CancellationToken.None))!.Status);
    }

    private static RunRecord Queued(DateTimeOffset createdAt) => new()
    {
        RunId = UniqueName.For("run"), TaskId = Guid.NewGuid(), TriggerKind = "http", TriggeredBy = "test", CreatedAt = createdAt,
    };
}
