using Courier.Domain.Delivery;
using Courier.Domain.Pipeline.Storage;
using Courier.Domain.Runs;
using Courier.Durable.Client;
using Courier.Functions.Orchestrations;

namespace Courier.Functions.Runs;

/// <summary>
/// Reads runs for the run APIs. A run is addressed by its id alone: the orchestration instance of that
/// id carries the task id in its input, which locates the run record (partitioned by task).
/// </summary>
public sealed class RunQueries(DurableTaskClient client, RunRepository runs, RunFileRepository files, IDeliveryStore deliveries)
{
    public async Task<RunRecord?> FindAsync(string runId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        return instance?.ReadInputAs<RunTaskInput>() is { } input
            ? await runs.GetAsync(input.TaskId, runId, cancellationToken)
            : null;
    }

    public async Task<RunDetail?> DetailAsync(string runId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        if (instance?.ReadInputAs<RunTaskInput>() is not { } input
            || await runs.GetAsync(input.TaskId, runId, cancellationToken) is not { } run)
        {
            return null;
        }
        return new RunDetail(
            run,
            instance.ReadCustomStatusAs<RunStep>(),
            await files.ListAsync(runId, cancellationToken),
            await deliveries.ListForRunAsync(runId, cancellationToken));
    }
}
