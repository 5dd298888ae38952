using System.Text;
using Courier.Domain.Connectors;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>
/// What every <see cref="IRemoteFileSystem"/> must do (remote-file sources and query locations rely on it).
/// Files are placed on the server's disk directly, then read through the connector.
/// </summary>
public abstract class RemoteFileSystemContract
{
    protected abstract Task<IRemoteFileSystem> ConnectAsync();

    /// <summary>Writes a file on the server side without Courier; <paramref name="path"/> is relative to the connection root.</summary>
    protected abstract Task PlaceAsync(string path, byte[] content);

    [Fact]
    public async Task Lists_files_matching_a_unix_wildcard_with_sizes()
    {
        var directory = UniqueName.For("ls");
        await PlaceAsync($"{directory}/sales_2026-01.csv", Encoding.UTF8.GetBytes("abc"));
        await PlaceAsync($"{directory}/sales_2026-02.csv", Encoding.UTF8.GetBytes("abcdef"));
        await PlaceAsync($"{directory}/sales_2026-02.txt", Encoding.UTF8.GetBytes("x"));
        await PlaceAsync($"{directory}/costs_2026-02.csv", Encoding.UTF8.GetBytes("y"));
        await PlaceAsync($"{directory}/sub/sales_9.csv", Encoding.UTF8.GetBytes("z"));
        await using var fs = await ConnectAsync();

        var files = await fs.ListAsync(directory, "sales_2026-0[!1].csv", default);
        var all = await fs.ListAsync(directory, "*", default);

        var file = Assert.Single(files);
        Assert.Equal("sales_2026-02.csv", file.Name);
        Assert.Equal(6, file.Size);
        Assert.Equal($"{directory}/sales_2026-02.csv", file.Path);
        Assert.Equal(4, all.Count);
    }

    [Fact]
    public async Task Reads_downloads_stats_and_deletes_a_file()
    {
        var directory = UniqueName.For("rw");
        var content = new byte[300_000];
        Random.Shared.NextBytes(content);
        await PlaceAsync($"{directory}/data.bin", content);
        await using var fs = await ConnectAsync();

        var info = await fs.GetInfoAsync($"{directory}/data.bin", default);
        var missing = await fs.GetInfoAsync($"{directory}/nothing.bin", default);
        using var downloaded = new MemoryStream();
        var bytes = await fs.DownloadAsync($"{directory}/data.bin", downloaded, default);
        using var read = new MemoryStream();
        await using (var stream = await fs.OpenReadAsync($"{directory}/data.bin", default))
        {
            await stream.CopyToAsync(read);
        }
        await fs.DeleteAsync($"{directory}/data.bin", default);
        await fs.DeleteAsync($"{directory}/data.bin", default);

        Assert.Equal(content.Length, info?.Size);
        Assert.Null(missing);
        Assert.Equal(content.Length, bytes);
        Assert.Equal(content, downloaded.ToArray());
        Assert.Equal(content, read.ToArray());
        Assert.Null(await fs.GetInfoAsync($"{directory}/data.bin", default));
    }

    [Fact]
    public async Task Uploads_renames_over_an_existing_file_and_creates_directories()
    {
        var directory = $"{UniqueName.For("up")}/a/b";
        await using var fs = await ConnectAsync();

        await fs.CreateDirectoryAsync(directory, default);
        await fs.CreateDirectoryAsync(directory, default);
        await fs.UploadAsync($"{directory}/x.tmp", new MemoryStream(Encoding.UTF8.GetBytes("new")), default);
        await fs.UploadAsync($"{directory}/x.csv", new MemoryStream(Encoding.UTF8.GetBytes("old!")), default);
        await fs.RenameAsync($"{directory}/x.tmp", $"{directory}/x.csv", default);

        var files = await fs.ListAsync(directory, "*", default);
        Assert.Equal("x.csv", Assert.Single(files).Name);
        using var back = new MemoryStream();
        await fs.DownloadAsync($"{directory}/x.csv", back, default);
        Assert.Equal("new", Encoding.UTF8.GetString(back.ToArray()));
    }

    [Fact]
    public async Task A_missing_file_fails_with_the_host_and_path()
    {
        await using var fs = await ConnectAsync();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => fs.DownloadAsync("no/such/file.csv", Stream.Null, default));

        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Contains("file.csv", error.Message, StringComparison.Ordinal);
    }
}
