namespace Courier.Domain.Sources.Files;

/// <summary>Which files a wildcard path yields.</summary>
public enum RemoteFileSelection
{
    /// <summary>The most recently modified match (ties: the last name in order).</summary>
    Newest,

    /// <summary>Every match, each as its own file, in name order.</summary>
    All,
}
