namespace Courier.Domain.Destinations.Email;

/// <summary>How the file travels in the email.</summary>
public enum EmailFileMode
{
    /// <summary>As an attachment (or a time-limited link when it is larger than the limit).</summary>
    Attach,

    /// <summary>Inline in the body: HTML as HTML, text in a &lt;pre&gt; block.</summary>
    Embed,

    /// <summary>The email only announces the file.</summary>
    None,
}
