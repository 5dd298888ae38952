using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Courier.Domain.Pipeline;
using Courier.Domain.Pipeline.Formats;
using Courier.Domain.Pipeline.Naming;
using Courier.Domain.Pipeline.Options;
using Courier.Domain.Pipeline.Steps;
using Courier.Domain.Pipeline.Storage;
using Courier.Testing;

namespace Courier.Pipeline.Tests;

[Collection(nameof(PipelineServersGroup))]
public sealed class OutputFileBuilderTests(PipelineServers servers) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("courier-build-").FullName;
    private readonly BlobServiceClient _blobs = new(servers.Azurite.ConnectionString);
    private readonly TableServiceClient _tables = new(servers.Azurite.ConnectionString);

    [Fact]
    public async Task Suffix_then_PGP_then_zip_reach_the_blob_with_digests_that_match_the_tools()
    {
        var run = UniqueName.For("run");
        var naming = Naming(run);
        var options = new OutputFileOptions(
            "orders_{lastMonth:yyyyMM}_{param:client}.csv",
            Delimited: new DelimitedOptions(LineTerminator: LineTerminator.CrLf),
            LineSuffix: new LineSuffixOptions(";"),
            Pgp: new PgpOptions("rsa"),
            Zip: new ZipOptions("bundle_{date:yyyyMMdd}.zip"));

        var file = await Builder().BuildAsync(SampleRows.Reader(awkward: false, rows: 1000), options, naming, CancellationToken.None);

        Assert.Equal("bundle_20260301.zip", file.Name);
        Assert.Equal($"outputs/sales/daily/{run}/bundle_20260301.zip", file.BlobPath);
        Assert.Equal(1000, file.RowCount);
        Assert.False(file.IsEmpty);
        var zip = await Download(file);
        Assert.Equal(new FileInfo(zip).Length, file.Size);
        Assert.Equal(Cli.Digest("md5sum", zip), file.Md5);
        Assert.Equal(Cli.Digest("sha256sum", zip), file.Sha256);
        var properties = await _blobs.GetBlobContainerClient("outputs").GetBlobClient($"sales/daily/{run}/bundle_20260301.zip").GetPropertiesAsync();
        Assert.Equal(Convert.FromHexString(file.Md5), properties.Value.ContentHash);

        // The archive holds the encrypted file under its own name; gpg turns it back into the CSV with suffixes.
        Assert.Contains("orders_202602_acme.csv.gpg", Encoding.UTF8.GetString(Cli.Run("unzip", "-l", zip)), StringComparison.Ordinal);
        var encrypted = Path.Combine(_folder, "orders.csv.gpg");
        File.WriteAllBytes(encrypted, Cli.Run("unzip", "-p", zip, "orders_202602_acme.csv.gpg"));
        var decrypted = Path.Combine(_folder, "orders.csv");
        servers.Gpg.Decrypt(encrypted, decrypted);
        var expected = (await PlainCsv(SampleRows.Reader(awkward: false, rows: 1000))).Replace("\r\n", ";\r\n", StringComparison.Ordinal);
        Assert.Equal(expected, File.ReadAllText(decrypted));
    }

    [Fact]
    public async Task A_result_with_only_a_header_is_marked_empty_and_recorded()
    {
        var run = UniqueName.For("run");
        var builder = Builder();
        var repository = new RunFileRepository(_tables, UniqueName.For("files"));

        var file = await builder.BuildAsync(SampleRows.Reader(rows: 0), new OutputFileOptions("empty_{runId}.csv"), Naming(run), CancellationToken.None);
        await repository.SaveAsync(file, CancellationToken.None);

        Assert.True(file.IsEmpty);
        Assert.Equal(0, file.RowCount);
        Assert.True(file.Size > 0);
        var stored = Assert.Single(await repository.ListAsync(run, CancellationToken.None));
        Assert.Equal(file, stored);
    }

    [Theory]
    [InlineData(OutputFormat.Xlsx, "report.xlsx")]
    [InlineData(OutputFormat.JsonLines, "report.jsonl")]
    public async Task Other_formats_build_the_same_way(OutputFormat format, string name)
    {
        var run = UniqueName.For("run");

        var file = await Builder().BuildAsync(SampleRows.Reader(), new OutputFileOptions(name, format), Naming(run), CancellationToken.None);

        var path = await Download(file);
        Assert.Equal(Cli.Digest("sha256sum", path), file.Sha256);
        Assert.Equal(SampleRows.Names.Length, file.RowCount);
    }

    [Fact]
    public async Task A_run_that_fails_half_way_leaves_no_blob()
    {
        var run = UniqueName.For("run");
        var options = new OutputFileOptions("broken.csv", Delimited: new DelimitedOptions(Quoting: QuotingMode.None));

        await Assert.ThrowsAsync<InvalidDataException>(() => Builder().BuildAsync(SampleRows.Reader(), options, Naming(run), CancellationToken.None));

        var container = _blobs.GetBlobContainerClient("outputs");
        Assert.False(await container.GetBlobClient($"sales/daily/{run}/broken.csv").ExistsAsync());
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../other")]
    [InlineData("a/b")]
    public async Task A_parameter_cannot_move_the_file_out_of_its_run_folder(string value)
    {
        var naming = Naming(UniqueName.For("run")) with { TaskParameters = new Dictionary<string, string> { ["client"] = value } };

        await Assert.ThrowsAsync<FileNameException>(() => Builder().BuildAsync(SampleRows.Reader(), new OutputFileOptions("{param:client}"), naming, CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static FileNameContext Naming(string run) => new(
        new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero),
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"),
        "sales",
        "daily",
        run,
        new Dictionary<string, string> { ["client"] = "acme" });

    private static async Task<string> PlainCsv(System.Data.Common.DbDataReader rows)
    {
        using var memory = new MemoryStream();
        await new DelimitedFormat().WriteAsync(rows, new OutputFileOptions("x.csv"), memory, CancellationToken.None);
        return Encoding.UTF8.GetString(memory.ToArray());
    }

    private OutputFileBuilder Builder() => new(
        [new DelimitedFormat(), new XlsxFormat(), new JsonLinesFormat()],
        [new ZipStep(), new LineSuffixStep(), new PgpEncryptStep(new KeySource(new() { ["rsa"] = servers.Gpg.RsaPublicKey }))],
        new OutputBlobStore(_blobs));

    private async Task<string> Download(RunFile file)
    {
        var path = Path.Combine(_folder, file.Name);
        var blobName = file.BlobPath["outputs/".Length..];
        await _blobs.GetBlobContainerClient("outputs").GetBlobClient(blobName).DownloadToAsync(path);
        return path;
    }
}
