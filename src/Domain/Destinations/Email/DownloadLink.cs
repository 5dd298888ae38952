using System.Globalization;
using System.Net;

namespace Courier.Domain.Destinations.Email;

/// <summary>
/// A time-limited link to a stored file that is too large to travel in an email, and the sentence that
/// offers it (HTML for the body, plain text for text-only messages). Shared by the email destination and
/// run notifications so both announce a large file the same way.
/// </summary>
public sealed record DownloadLink(string FileName, Uri Address, DateTimeOffset Expires)
{
    /// <summary>A read-only link valid for <paramref name="validity"/>, or null when the file's storage cannot mint one.</summary>
    public static DownloadLink? For(DeliveryFile file, TimeSpan validity, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return file.CreateDownloadLink is { } create
            ? new DownloadLink(file.Name, create(validity), timeProvider.GetUtcNow().Add(validity))
            : null;
    }

    public string ToHtml()
    {
        var name = WebUtility.HtmlEncode(FileName);
        return $"<p>{name} is too large to attach. Download it until {ExpiresText} UTC: " +
               $"<a href=\"{WebUtility.HtmlEncode(Address.ToString())}\">{name}</a></p>";
    }

    public string ToText() => $"{FileName} is too large to attach. Download it until {ExpiresText} UTC: {Address}";

    private string ExpiresText => Expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
