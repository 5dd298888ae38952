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
    public async Task Cancelling_an_upload_stops_it_promptly()
    {
        var directory = UniqueName.For("cancel");
        await using var fs = await ConnectAsync();
        await fs.CreateDirectoryAsync(directory, default);
        var source = new EndlessStream();
        using var cancel = new CancellationTokenSource();
        var upload = fs.UploadAsync($"{directory}/endless.bin", source, cancel.Token);
        // Past the read-ahead's 8 MB: the upload thread is sending.
        await Eventually.WaitAsync(() => Task.FromResult(source.BytesRead), read => read > 24 << 20, "the upload to be under way");

        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the upload took {clock.Elapsed} to stop");
    }
}
