namespace Courier.Domain.Scheduling;

/// <summary>A schedule that cannot be computed; <see cref="Field"/> names the offending field.</summary>
public sealed class ScheduleException : Exception
{
    public ScheduleException(string field, string message) : base(message) => Field = field;

    public ScheduleException()
    {
        Field = "";
    }

    public ScheduleException(string message, Exception innerException) : base(message, innerException)
    {
        Field = "";
    }

    public string Field { get; }
}
