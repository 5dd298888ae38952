using Courier.Domain.Connectors.Email;
using Courier.Domain.Destinations;
using Courier.Domain.Destinations.Email;

namespace Courier.Domain.Notifications;

/// <summary>
/// How one notification carries the run's produced files: attached when together they fit the rule's size
/// limit, otherwise all as time-limited download links, so a message is never rejected for its size and
/// never holds half the files. A file that cannot be linked to is left out and named in <see cref="Problems"/>.
/// </summary>
internal sealed record ProducedFiles(IReadOnlyList<EmailAttachment> Attachments, IReadOnlyList<DownloadLink> Links, IReadOnlyList<string> Problems)
{
    public static ProducedFiles None { get; } = new([], [], []);

    public static ProducedFiles For(NotificationRule rule, IReadOnlyList<DeliveryFile> files, TimeProvider timeProvider)
    {
        if (!rule.AttachFiles || files.Count == 0)
        {
            return None;
        }
        if (files.Sum(f => f.Length) <= rule.MaxAttachmentBytes)
        {
            return new ProducedFiles([.. files.Select(f => new EmailAttachment(f.Name, f.ContentType, f.OpenReadAsync))], [], []);
        }
        var links = new List<DownloadLink>();
        var problems = new List<string>();
        foreach (var file in files)
        {
            if (DownloadLink.For(file, rule.DownloadLinkValidity, timeProvider) is { } link)
            {
                links.Add(link);
            }
            else
            {
                problems.Add($"'{file.Name}' ({file.Length} bytes) is over the {rule.MaxAttachmentBytes}-byte attachment limit and cannot be linked to, so the {rule.On} notification went without it.");
            }
        }
        return new ProducedFiles([], links, problems);
    }
}
