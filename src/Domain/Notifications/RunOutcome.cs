namespace Courier.Domain.Notifications;

/// <summary>How a run ended, as notifications see it (Qalyptus: Success, Warning, Error).</summary>
public enum RunOutcome
{
    Success,
    Warning,
    Error,
}
