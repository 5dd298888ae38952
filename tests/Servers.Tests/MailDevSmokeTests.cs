using System.Security.Cryptography;
using Courier.Testing;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Courier.Servers.Tests;

public sealed class MailDevSmokeTests(MailDevFixture maildev) : IClassFixture<MailDevFixture>
{
    [Fact]
    public async Task A_mail_sent_over_SMTP_is_read_back_with_its_attachment()
    {
        var subject = UniqueName.For("subject");
        var attachment = RandomNumberGenerator.GetBytes(20_000);
        var body = new BodyBuilder { TextBody = "see attached" };
        body.Attachments.Add("report.bin", attachment);
        using var message = new MimeMessage(
            [new MailboxAddress("Courier", "courier@example.test")],
            [new MailboxAddress("Reader", "reader@example.test")],
            subject,
            body.ToMessageBody());

        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync(maildev.Host, maildev.SmtpPort, SecureSocketOptions.None);
            await smtp.SendAsync(message);
            await smtp.DisconnectAsync(quit: true);
        }

        var received = (await maildev.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30))).Single(m => m.Subject == subject);
        Assert.Equal("reader@example.test", received.ToList.Single().Address);
        Assert.Equal("courier@example.test", received.FromList.Single().Address);
        Assert.Contains("see attached", received.Text, StringComparison.Ordinal);
        var file = received.AttachmentList.Single();
        Assert.Equal("report.bin", file.FileName);
        Assert.Equal(attachment, await maildev.GetAttachmentAsync(received.Id, file.GeneratedFileName));
    }
}
