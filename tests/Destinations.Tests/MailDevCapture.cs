using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>maildev's messages as <see cref="CapturedEmail"/>s, attachments downloaded.</summary>
internal static class MailDevCapture
{
    public static async Task<IReadOnlyList<CapturedEmail>> ReadAsync(MailDevFixture mail)
    {
        var captured = new List<CapturedEmail>();
        foreach (var message in await mail.GetMessagesAsync())
        {
            var attachments = new List<CapturedAttachment>();
            foreach (var attachment in message.AttachmentList)
            {
                attachments.Add(new CapturedAttachment(attachment.FileName ?? attachment.GeneratedFileName,
                    await mail.GetAttachmentAsync(message.Id, attachment.GeneratedFileName)));
            }
            captured.Add(new CapturedEmail(message.Subject ?? "",
                message.ToList.Select(a => a.Address).ToList(),
                message.CcList.Select(a => a.Address).ToList(),
                message.BccList.Select(a => a.Address).ToList(),
                message.Text, message.Html)
            { Attachments = attachments });
        }
        return captured;
    }
}
