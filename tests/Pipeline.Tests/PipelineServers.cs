using Courier.Testing;

namespace Courier.Pipeline.Tests;

/// <summary>One Azurite and one gpg home shared by the pipeline tests that need them.</summary>
public sealed class PipelineServers : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public AzuriteFixture Azurite => _azurite;

    public Gpg Gpg { get; } = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        Gpg.Dispose();
    }
}

[CollectionDefinition(nameof(PipelineServersGroup))]
public sealed class PipelineServersGroup : ICollectionFixture<PipelineServers>;
