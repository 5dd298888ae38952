namespace Courier.Domain.Model;

/// <summary>How an email destination carries the files.</summary>
public enum EmailDeliveryMode
{
    Attach,

    /// <summary>The file is the body (HTML reports only).</summary>
    Embed,

    /// <summary>A download link to the Hub instead of the file.</summary>
    Link,
}
