using System.Security.Cryptography.X509Certificates;
using Azure.Storage.Blobs;
using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Ftp;
using Courier.Domain.Connectors.Sftp;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Locations;
using Courier.Domain.Sources.Sql;
using Courier.Testing;

namespace Courier.Sources.Tests;

/// <summary>A query kept on SFTP, FTPS, HTTP or a blob is fetched, cached, and run with bound parameters.</summary>
public sealed class QueryLocationTests(SshFixture ssh, FtpFixture ftp, PostgresFixture postgres, AzuriteFixture azurite)
    : IClassFixture<SshFixture>, IClassFixture<FtpFixture>, IClassFixture<PostgresFixture>, IClassFixture<AzuriteFixture>
{
    private static string Query(string origin) => $"USE reporting;\nSELECT @today AS today, 'from {origin}' AS origin";

    private static readonly HttpClient Http = new();

    [Fact]
    public async Task A_query_on_SFTP_runs()
    {
        var name = UniqueName.For("q") + ".sql";
        await File.WriteAllTextAsync(Path.Combine(ssh.RootDirectory, name), Query("sftp"));

        var csv = await RunAsync(new RemoteFileCode(new RemoteEndpoint("sftp", ssh.Host, ssh.Port), name,
            async ct => await SftpFileSystem.ConnectAsync(Sftp(ssh.Server), ct)));

        Assert.Equal("today,origin\n2026-05-15,from sftp\n", csv);
    }

    [Fact]
    public async Task A_query_on_FTPS_runs()
    {
        var name = UniqueName.For("q") + ".sql";
        await File.WriteAllTextAsync(Path.Combine(ftp.RootDirectory, name), Query("ftps"));
        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(ftp.CertificatePath));
        var settings = new FtpSettings(ftp.Host, ftp.UserName)
        {
            Port = ftp.Port,
            Password = new Secret(ftp.Password),
            Security = FtpSecurity.ExplicitTls,
            CertificateSha256 = certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256),
        };

        var csv = await RunAsync(new RemoteFileCode(new RemoteEndpoint("ftp", ftp.Host, ftp.Port), name,
            async ct => await FtpFileSystem.ConnectAsync(settings, ct)));

        Assert.Equal("today,origin\n2026-05-15,from ftps\n", csv);
    }

    [Fact]
    public async Task A_query_behind_a_GitLab_style_token_runs_and_a_wrong_token_is_refused()
    {
        using var server = new RawFileServer("glpat-secret");
        server.Put("group/repo/raw/main/q.sql", Query("http"));
        var address = server.Address("group/repo/raw/main/q.sql");

        var csv = await RunAsync(new WebCode(Http, address, "PRIVATE-TOKEN", "glpat-secret"));
        var refused = await Assert.ThrowsAsync<SourceException>(() =>
            new CodeLoader(null).LoadAsync(new WebCode(Http, address, "PRIVATE-TOKEN", "wrong"), useCache: false, new RunLog(), CancellationToken.None));

        Assert.Equal("today,origin\n2026-05-15,from http\n", csv);
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_in_a_blob_runs()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, UniqueName.For("queries"));
        await container.CreateAsync();
        var blob = container.GetBlobClient("reports/q.sql");
        await blob.UploadAsync(BinaryData.FromString(Query("blob")));

        var csv = await RunAsync(new BlobCode(blob));

        Assert.Equal("today,origin\n2026-05-15,from blob\n", csv);
    }

    [Fact]
    public async Task When_the_SFTP_server_is_down_the_cached_query_runs_with_a_warning_and_parameters_still_bind()
    {
        var cache = new CodeCache(new BlobContainerClient(azurite.ConnectionString, UniqueName.For("cache")));
        var loader = new CodeLoader(cache);
        var name = UniqueName.For("q") + ".sql";
        string? first;
        RemoteFileCode location;
        await using (var server = await SshServer.StartAsync())
        {
            await File.WriteAllTextAsync(Path.Combine(server.RootDirectory, name), Query("cache"));
            location = new RemoteFileCode(new RemoteEndpoint("sftp", server.Host, server.Port), name,
                async ct => await SftpFileSystem.ConnectAsync(Sftp(server), ct));
            first = await loader.LoadAsync(location, useCache: true, new RunLog(), CancellationToken.None);
        }
        var log = new RunLog();

        var cached = await loader.LoadAsync(location, useCache: true, log, CancellationToken.None);
        var uncached = await Assert.ThrowsAsync<SourceException>(() => loader.LoadAsync(location, useCache: false, new RunLog(), CancellationToken.None));
        var csv = await ExecuteAsync(cached, new DateTimeOffset(2026, 7, 4, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(first, cached);
        Assert.Contains(log.Lines, line => line.StartsWith("Warning: Could not fetch the code from sftp://127.0.0.1:", StringComparison.Ordinal)
            && line.Contains("using the cached copy", StringComparison.Ordinal));
        Assert.Contains("Could not fetch the code", uncached.Message, StringComparison.Ordinal);
        Assert.Equal("today,origin\n2026-07-04,from cache\n", csv);
    }

    private static SftpSettings Sftp(SshServer server) => new(server.Host, server.UserName)
    {
        Port = server.Port,
        PrivateKey = new Secret(server.PrivateKeyPem),
        HostKeySha256 = server.HostKeySha256Fingerprint,
    };

    private async Task<string> RunAsync(ICodeLocation location)
    {
        var text = await new CodeLoader(null).LoadAsync(location, useCache: false, new RunLog(), CancellationToken.None);
        return await ExecuteAsync(text, null);
    }

    private async Task<string> ExecuteAsync(string query, DateTimeOffset? now)
    {
        using var output = new MemoryStream();
        await Sql.Source.ExportCsvAsync(new SqlQueryRequest("postgres", postgres.ConnectionString, query), Sql.Context(new RunLog(), now), output, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }
}
