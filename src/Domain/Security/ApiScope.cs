namespace Courier.Domain.Security;

/// <summary>What an API key may do. Which routes each scope reaches is decided by the host's policies.</summary>
public enum ApiScope
{
    /// <summary>Read-only access to everything.</summary>
    Reader,

    /// <summary>Only the start APIs (Butler-compatible start, run a task).</summary>
    Starter,

    /// <summary>Run (including the start API), cancel and resend, plus everything a reader can do.</summary>
    Operator,

    /// <summary>Everything, including key management.</summary>
    Admin,
}
