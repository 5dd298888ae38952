using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Courier.Domain.Delivery;
using Courier.Domain.Destinations;
using Courier.Domain.Notifications;
using Courier.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Courier.Destinations.Tests;

/// <summary>The host's one call registers every destination kind behind the registry, and the services resolve.</summary>
[Collection(SharedStorage.Name)]
public sealed class RegistrationTests(AzuriteFixture azurite)
{
    [Fact]
    public void AddCourierDestinations_registers_every_kind_once()
    {
        using var provider = new ServiceCollection()
            .AddSingleton(new TableServiceClient(azurite.ConnectionString))
            .AddSingleton(new BlobServiceClient(azurite.ConnectionString))
            .AddCourierDestinations()
            .AddCourierDestinations()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var registry = provider.GetRequiredService<IDestinationRegistry>();

        Assert.Equal(["blob", "email", "ftp", "hub", "sftp", "smb"], registry.Kinds.Order(StringComparer.Ordinal));
        Assert.Equal("sftp", registry.Get("SFTP").Kind);
        Assert.Contains("Registered: blob, email", Assert.Throws<KeyNotFoundException>(() => registry.Get("fax")).Message, StringComparison.Ordinal);
        Assert.NotNull(provider.GetRequiredService<DeliveryExecutor>());
        Assert.NotNull(provider.GetRequiredService<ResendService>());
        Assert.NotNull(provider.GetRequiredService<RunNotifier>());
    }
}
