using System.Diagnostics;
using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Sftp;
using Courier.Testing;

namespace Courier.Destinations.Tests;

public sealed class SftpFileSystemTests(SshFixture ssh) : RemoteFileSystemContract, IClassFixture<SshFixture>
{
    protected override async Task<IRemoteFileSystem> ConnectAsync() => await SftpFileSystem.ConnectAsync(SftpConnections.Password(ssh), default);

    protected override Task PlaceAsync(string path, byte[] content) => LocalPlacement.PlaceAsync(ssh.RootDirectory, path, content);

    [Fact]
    public async Task Cancelling_an_upload_from_a_remote_source_stops_it_promptly()
    {
        var source = new EndlessStream();
        // Past the read-ahead's 8 MB: the upload thread is sending.
        await CancelMidwayAsync(source, () => source.BytesRead > 24 << 20);
    }

    [Fact]
    public async Task Cancelling_an_upload_from_memory_stops_it_promptly()
    {
        var source = new MemoryStream(new byte[128 << 20], writable: false);
        await CancelMidwayAsync(source, () => source.Position > 16 << 20);
    }

    private async Task CancelMidwayAsync(Stream source, Func<bool> underWay)
    {
        var directory = UniqueName.For("cancel");
        await using var fs = await ConnectAsync();
        await fs.CreateDirectoryAsync(directory, default);
        using var cancel = new CancellationTokenSource();
        var upload = fs.UploadAsync($"{directory}/cancelled.bin", source, cancel.Token);
        await Eventually.WaitAsync(() => Task.FromResult(underWay()), started => started, "the upload to be under way");

        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the upload took {clock.Elapsed} to stop");
    }
}
