namespace Courier.Domain.Model;

/// <summary>How a failed run is retried: delay = min(firstDelay × backoff^(attempt-1), maxDelay).</summary>
public sealed record RetryPolicy
{
    /// <summary>Retries after the first attempt; 0 means none.</summary>
    public int MaxRetries { get; init; }

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMinutes(5);

    public double BackoffCoefficient { get; init; } = 2;

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromHours(1);
}
