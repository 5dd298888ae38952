using Azure.Data.Tables;
using Courier.Domain.Runs;
using Courier.Testing;

namespace Courier.Domain.Tests;

/// <summary>Run records change with If-Match: a write that lands between another writer's read and write is not lost.</summary>
[Collection(SharedAzurite.Name)]
public sealed class RunRecordUpdateTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_cancel_written_between_a_steps_read_and_write_stands_and_the_step_decides_again()
    {
        var runs = new RunRepository(new TableServiceClient(azurite.ConnectionString));
        var running = new RunRecord
        {
            RunId = UniqueName.For("run"), TaskId = Guid.NewGuid(), TriggerKind = "manual", TriggeredBy = "test",
            Status = RunStatus.Running, CreatedAt = TimeProvider.System.GetUtcNow(),
        };
        await runs.SaveAsync(running, CancellationToken.None);
        var seen = new List<RunStatus>();

        var result = await runs.UpdateAsync(running.TaskId, running.RunId, run =>
        {
            seen.Add(run.Status);
            if (seen.Count == 1)
            {
                // Another host cancels the run after this step read it.
                runs.SaveAsync(run with { Status = RunStatus.Cancelled, Reason = "Cancelled by ops." }, CancellationToken.None).GetAwaiter().GetResult();
            }
            return run.Status == RunStatus.Cancelled ? null : run with { Status = RunStatus.Succeeded };
        }, CancellationToken.None);

        Assert.Equal([RunStatus.Running, RunStatus.Cancelled], seen);
        Assert.Equal(RunStatus.Cancelled, result!.Status);
        Assert.Equal(RunStatus.Cancelled, (await runs.GetAsync(running.TaskId, running.RunId, CancellationToken.None))!.Status);
        Assert.Null(await runs.UpdateAsync(running.TaskId, "run-missing", run => run, CancellationToken.None));
    }
}
