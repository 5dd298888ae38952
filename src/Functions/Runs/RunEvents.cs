namespace Courier.Functions.Runs;

/// <summary>External events a run orchestration listens for.</summary>
public static class RunEvents
{
    /// <summary>Raised to cancel a pending retry; the payload says who cancelled it.</summary>
    public const string CancelRetry = "CancelRetry";
}
