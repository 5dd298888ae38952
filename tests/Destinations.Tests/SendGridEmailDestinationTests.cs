using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Email;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>The email contract through SendGrid's official client, pointed at a local stand-in for its API.</summary>
[Collection(SharedStorage.Name)]
public sealed class SendGridEmailDestinationTests(SendGridStub sendGrid, AzuriteFixture azurite)
    : EmailDestinationContract(azurite), IClassFixture<SendGridStub>
{
    protected override EmailTransport Transport => new("courier@corp.test") { SendGrid = new SendGridSettings(new Secret(SendGridStub.ApiKey)) { BaseUrl = sendGrid.BaseUrl } };

    protected override EmailTransport DownTransport => new("courier@corp.test")
    {
        SendGrid = new SendGridSettings(new Secret(Canary)) { BaseUrl = $"http://127.0.0.1:{FreePort.Next()}" },
    };

    protected override Task<IReadOnlyList<CapturedEmail>> MessagesAsync() => Task.FromResult(sendGrid.Messages);
}
