using System.Text.Json;
using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Email;
using Courier.Domain.Connectors.Ftp;
using Courier.Domain.Connectors.Sftp;
using Courier.Domain.Destinations.Email;
using Courier.Domain.Destinations.Sftp;

namespace Courier.Destinations.Tests;

/// <summary>Settings holding secrets can be logged or serialized by mistake without showing them.</summary>
public sealed class SecretTests
{
    private const string Canary = "Canary-Secret-0b77";

    [Fact]
    public void Settings_records_never_print_or_serialize_their_secrets()
    {
        var secret = new Secret(Canary);
        object[] settings =
        [
            new SftpDestinationSettings(new SftpSettings("h", "u") { Password = secret, PrivateKey = secret, PrivateKeyPassphrase = secret }),
            new FtpSettings("h", "u") { Password = secret },
            new EmailDestinationSettings(new EmailTransport("a@b.test") { Smtp = new SmtpSettings("h", 25) { Password = secret }, SendGrid = new SendGridSettings(secret) }),
        ];

        foreach (var item in settings)
        {
            Assert.DoesNotContain(Canary, item.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(Canary, JsonSerializer.Serialize(item, item.GetType()), StringComparison.Ordinal);
        }
        Assert.Equal(Canary, secret.Reveal());
    }
}
