namespace Courier.Durable;

/// <summary>Structured description of a failure that crossed a durable boundary (activity, sub-orchestration, instance).</summary>
public sealed record TaskFailureDetails
{
    public required string ErrorType { get; init; }

    public required string ErrorMessage { get; init; }

    public string? StackTrace { get; init; }

    public TaskFailureDetails? InnerFailure { get; init; }

    /// <summary>True when retrying cannot help (for example a poison message); retry policies stop at once.</summary>
    public bool IsNonRetriable { get; init; }

    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException failed)
        {
            return new TaskFailureDetails
            {
                ErrorType = typeof(TaskFailedException).FullName!,
                ErrorMessage = failed.Message,
                StackTrace = failed.StackTrace,
                InnerFailure = failed.FailureDetails,
            };
        }
        return new TaskFailureDetails
        {
            ErrorType = exception.GetType().FullName ?? exception.GetType().Name,
            ErrorMessage = exception.Message,
            StackTrace = exception.StackTrace,
            InnerFailure = exception.InnerException is null ? null : FromException(exception.InnerException),
        };
    }

    /// <summary>True when this failure or one of its inner failures was caused by <typeparamref name="T"/>.</summary>
    public bool IsCausedBy<T>() where T : Exception
    {
        for (var failure = this; failure is not null; failure = failure.InnerFailure)
        {
            if (failure.ErrorType == typeof(T).FullName)
            {
                return true;
            }
        }
        return false;
    }

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
