namespace Courier.Domain.Model;

/// <summary>Which files a remote-file source with wildcards takes.</summary>
public enum FileMatch
{
    /// <summary>The most recently modified match.</summary>
    Newest,

    /// <summary>Every match, each becoming its own file of the report.</summary>
    All,
}
