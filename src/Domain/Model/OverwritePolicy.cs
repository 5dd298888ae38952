namespace Courier.Domain.Model;

/// <summary>What a file destination does when a file of the same name is already there.</summary>
public enum OverwritePolicy
{
    Overwrite,

    /// <summary>The delivery fails and the existing file stays.</summary>
    Fail,

    /// <summary>A counter is added before the extension: <c>name (1).csv</c>.</summary>
    AutoIncrement,
}
