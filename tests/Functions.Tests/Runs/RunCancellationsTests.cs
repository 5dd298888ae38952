using Azure.Data.Tables;
using Courier.Domain.Runs;
using Courier.Functions.Runs;
using Courier.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Courier.Functions.Tests.Runs;

/// <summary>A run cancelled on another host: its record says so, and the steps watching it here stop.</summary>
[Collection(RunApiServers.Name)]
public sealed class RunCancellationsTests(EndToEndServers servers)
{
    [Fact]
    public async Task A_step_stops_when_its_run_record_is_marked_cancelled_elsewhere_and_other_runs_go_on()
    {
        var runs = new RunRepository(new TableServiceClient(servers.StorageConnectionString));
        var taskId = Guid.NewGuid();
        var (cancelledRun, otherRun) = (UniqueName.For("run"), UniqueName.For("run"));
        foreach (var runId in new[] { cancelledRun, otherRun })
        {
            await runs.SaveAsync(new RunRecord
            {
                RunId = runId, TaskId = taskId, TriggerKind = "manual", TriggeredBy = "test", Status = RunStatus.Running, CreatedAt = TimeProvider.System.GetUtcNow(),
            }, CancellationToken.None);
        }
        var cancellations = new RunCancellations(runs, TimeProvider.System, NullLogger<RunCancellations>.Instance);
        await cancellations.StartAsync(CancellationToken.None);
        try
        {
            using var step = cancellations.Watch(taskId, cancelledRun, CancellationToken.None);
            using var other = cancellations.Watch(taskId, otherRun, CancellationToken.None);
            await Task.Delay(RunCancellations.Interval * 2);
            Assert.False(step.Token.IsCancellationRequested);

            var record = await runs.GetAsync(taskId, cancelledRun, CancellationToken.None);
            await runs.SaveAsync(record! with { Status = RunStatus.Cancelled }, CancellationToken.None);

            await Eventually.HoldsAsync(() => Task.FromResult(step.Token.IsCancellationRequested), cancelled => cancelled, RunCancellations.Interval * 5, "the step to stop");
            Assert.True(step.RunCancelled);
            Assert.False(other.Token.IsCancellationRequested);
        }
        finally
        {
            await cancellations.StopAsync(CancellationToken.None);
            cancellations.Dispose();
        }
    }
}
