using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Email;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>The email contract over SMTP (MailKit) against maildev.</summary>
[Collection(SharedStorage.Name)]
public sealed class SmtpEmailDestinationTests(MailDevFixture mail, AzuriteFixture azurite)
    : EmailDestinationContract(azurite), IClassFixture<MailDevFixture>
{
    protected override EmailTransport Transport => new("courier@corp.test") { Smtp = new SmtpSettings(mail.Host, mail.SmtpPort) { Security = SmtpSecurity.None } };

    protected override EmailTransport DownTransport => new("courier@corp.test")
    {
        Smtp = new SmtpSettings("127.0.0.1", FreePort.Next()) { Security = SmtpSecurity.None, Username = "courier", Password = new Secret(Canary) },
    };

    protected override Task<IReadOnlyList<CapturedEmail>> MessagesAsync() => MailDevCapture.ReadAsync(mail);
}
