namespace Courier.Domain.Starting;

/// <summary>One external start as the audit table keeps it: who asked, from where, what, and what started.</summary>
public sealed record StartAuditEntry(
    DateTimeOffset At,
    StartTrigger Trigger,
    string? From,
    string Request,
    string Outcome,
    int TasksStarted);
