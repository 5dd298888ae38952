namespace Courier.Domain.Model;

/// <summary>What an API key may do (DESIGN §6).</summary>
public enum ApiKeyScope
{
    /// <summary>Everything, including keys and connections.</summary>
    Admin,

    /// <summary>Read and change projects, tasks, recipients; run tasks.</summary>
    Operator,

    /// <summary>Start tasks only.</summary>
    Starter,

    /// <summary>Read only.</summary>
    Reader,
}
