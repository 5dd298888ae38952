namespace Courier.Durable;

/// <summary>Options for scheduling an activity or sub-orchestration.</summary>
public class TaskOptions
{
    public TaskOptions(RetryPolicy? retry = null)
    {
        Retry = retry;
    }

    public RetryPolicy? Retry { get; }

    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}
