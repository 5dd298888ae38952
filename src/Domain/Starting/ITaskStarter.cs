namespace Courier.Domain.Starting;

/// <summary>Starts one run of a task (as a durable orchestration) or says why it did not.</summary>
public interface ITaskStarter
{
    Task<TaskStartResult> StartAsync(StartableTask task, StartTrigger trigger, CancellationToken cancellationToken);
}
