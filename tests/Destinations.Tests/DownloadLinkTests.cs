using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Courier.Domain.Connectors.Email;
using Courier.Domain.Delivery;
using Courier.Domain.Destinations;
using Courier.Domain.Destinations.Email;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>A file from Blob Storage over the email size limit arrives as a working, time-limited SAS link.</summary>
[Collection(SharedStorage.Name)]
public sealed partial class DownloadLinkTests(MailDevFixture mail, AzuriteFixture azurite) : IClassFixture<MailDevFixture>
{
    [Fact]
    public async Task A_large_blob_is_sent_as_a_link_that_downloads_the_exact_bytes()
    {
        var tag = UniqueName.For("link");
        var content = RandomNumberGenerator.GetBytes(300_000);
        var container = new BlobContainerClient(azurite.ConnectionString, "outputs");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient($"{tag}/big.csv");
        await blob.UploadAsync(new BinaryData(content));
        var file = DeliveryFile.FromBlob(blob, "big.csv", content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), TimeProvider.System);
        var destination = new EmailDestination(new EmailSender(), new TableEmailSendLog(new TableServiceClient(azurite.ConnectionString), TimeProvider.System),
            RecipientGroups.Empty, TimeProvider.System);
        var settings = new EmailDestinationSettings(new EmailTransport("courier@corp.test") { Smtp = new SmtpSettings(mail.Host, mail.SmtpPort) { Security = SmtpSecurity.None } })
        {
            To = [$"big@{tag}.test"],
            Subject = tag,
            MaxAttachmentBytes = 100_000,
            DownloadLinkValidity = TimeSpan.FromHours(2),
        };

        await destination.DeliverAsync(TestFiles.Request(file, settings), default);

        var messages = await Eventually.WaitAsync(() => MailDevCapture.ReadAsync(mail), m => m.Any(x => x.Subject == tag), "the link message");
        var message = Assert.Single(messages, m => m.Subject == tag);
        Assert.Empty(message.Attachments);
        var link = System.Net.WebUtility.HtmlDecode(LinkPattern().Match(message.Html ?? "").Groups[1].Value);
        Assert.Contains("se=", link, StringComparison.Ordinal);
        using var http = new HttpClient();
        Assert.Equal(content, await http.GetByteArrayAsync(new Uri(link)));
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex LinkPattern();
}
