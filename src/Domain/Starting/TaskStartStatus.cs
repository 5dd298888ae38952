namespace Courier.Domain.Starting;

/// <summary>What became of one selected task.</summary>
public enum TaskStartStatus
{
    /// <summary>A durable run was created; it will execute even if this host dies now.</summary>
    Started,

    /// <summary>The task is running and does not allow concurrent runs; the running run's id is reported.</summary>
    AlreadyRunning,

    /// <summary>Disabled tasks never run, whatever the trigger.</summary>
    Disabled,

    /// <summary>The allow-list does not permit starting this task from outside.</summary>
    Denied,

    /// <summary>Selected by id, but <c>allTaskIdsMustExist</c> was set and another id was unknown.</summary>
    Skipped,
}
