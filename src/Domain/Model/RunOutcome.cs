namespace Courier.Domain.Model;

/// <summary>The final outcome of a run, as notifications and triggers see it.</summary>
public enum RunOutcome
{
    Success,
    Warning,
    Error,
}
