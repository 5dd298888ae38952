namespace Courier.Domain.Reports;

/// <summary>The run's start instant as the clock, so date parameters and names are the same on a retry.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
