using System.Text;
using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Sftp;
using Courier.Domain.Pipeline.Formats;
using Courier.Domain.Pipeline.Options;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Files;
using Courier.Testing;

namespace Courier.Sources.Tests;

public sealed class RemoteFileSourceTests(SshFixture ssh) : IClassFixture<SshFixture>, IDisposable
{
    private static readonly RemoteFileSource Source = new();
    private readonly string _work = TestRun.NewTempDirectory("remotefile");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task A_wildcard_takes_the_newest_match_or_all_matches()
    {
        var folder = UniqueName.For("drop");
        var remote = Directory.CreateDirectory(Path.Combine(ssh.RootDirectory, folder)).FullName;
        Write(remote, "sales_0101.csv", "old", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Write(remote, "sales_0301.csv", "newest", new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        Write(remote, "sales_0201.csv", "middle", new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        Write(remote, "stock_0401.csv", "other", new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc));
        await using var files = await Connect();

        var newest = await Source.FetchAsync(files, $"{folder}/sales_*.csv", RemoteFileSelection.Newest, Path.Combine(_work, "n"), Sql.Context(new RunLog()), CancellationToken.None);
        var all = await Source.FetchAsync(files, $"{folder}/sales_0[12]01.csv", RemoteFileSelection.All, Path.Combine(_work, "a"), Sql.Context(new RunLog()), CancellationToken.None);
        var none = await Assert.ThrowsAsync<SourceException>(() =>
            Source.FetchAsync(files, $"{folder}/refunds_*.csv", RemoteFileSelection.Newest, _work, Sql.Context(new RunLog()), CancellationToken.None));

        Assert.Equal("newest", await File.ReadAllTextAsync(Assert.Single(newest)));
        Assert.Equal(["sales_0101.csv", "sales_0201.csv"], all.Select(Path.GetFileName));
        Assert.Equal("middle", await File.ReadAllTextAsync(all[1]));
        Assert.Contains("refunds_*.csv", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fetched_CSV_is_reformatted_to_pipe_delimited_from_its_own_delimiter_and_encoding()
    {
        var folder = UniqueName.For("reformat");
        var remote = Directory.CreateDirectory(Path.Combine(ssh.RootDirectory, folder)).FullName;
        var latin1 = Encoding.Latin1;
        await File.WriteAllBytesAsync(Path.Combine(remote, "in.csv"),
            latin1.GetBytes("id;name;note\r\n1;Café;\"a;b\"\r\n2;\"say \"\"hi\"\"\";\"two\nlines\"\r\n3;x\r\n"));
        await using var files = await Connect();
        var fetched = Assert.Single(await Source.FetchAsync(files, $"{folder}/in.csv", RemoteFileSelection.Newest, _work, Sql.Context(new RunLog()), CancellationToken.None));

        using var rows = new DelimitedInput(";", "iso-8859-1").OpenReader(fetched);
        using var output = new MemoryStream();
        var count = await new DelimitedFormat().WriteAsync(rows,
            new OutputFileOptions("out.txt", Delimited: new DelimitedOptions("|", LineTerminator: LineTerminator.Lf)), output, CancellationToken.None);

        Assert.Equal(3, count);
        Assert.Equal("id|name|note\n1|Café|a;b\n2|\"say \"\"hi\"\"\"|\"two\nlines\"\n3|x|\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task A_headerless_file_gets_numbered_columns()
    {
        var path = Path.Combine(_work, "plain.csv");
        await File.WriteAllTextAsync(path, "a,b\nc,d\n");

        using var rows = new DelimitedInput(HasHeader: false).OpenReader(path);

        Assert.Equal(["column1", "column2"], Enumerable.Range(0, rows.FieldCount).Select(rows.GetName));
        Assert.True(await rows.ReadAsync());
        Assert.Equal("a", rows.GetString(0));
        Assert.True(await rows.ReadAsync());
        Assert.Equal("d", rows.GetString(1));
        Assert.False(await rows.ReadAsync());
    }

    private async Task<IRemoteFileSystem> Connect() =>
        await SftpFileSystem.ConnectAsync(new SftpSettings(ssh.Host, ssh.UserName)
        {
            Port = ssh.Port,
            PrivateKey = new Secret(ssh.PrivateKeyPem),
            HostKeySha256 = ssh.HostKeySha256Fingerprint,
        }, CancellationToken.None);

    private static void Write(string folder, string name, string text, DateTime modified)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, modified);
    }
}
