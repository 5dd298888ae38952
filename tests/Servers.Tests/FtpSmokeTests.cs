using Courier.Testing;

namespace Courier.Servers.Tests;

public sealed class FtpSmokeTests(FtpFixture ftp) : IClassFixture<FtpFixture>
{
    [Fact]
    public async Task Plain_FTP_lists_a_file_in_the_root_directory()
    {
        var name = UniqueName.For("plain") + ".txt";
        await File.WriteAllTextAsync(Path.Combine(ftp.RootDirectory, name), "plain");

        var listing = await Curl($"ftp://{ftp.Host}:{ftp.Port}/");

        Assert.Contains(name, listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explicit_FTPS_uploads_and_lists_a_file()
    {
        var scratch = TestRun.NewTempDirectory("ftps");
        var local = Path.Combine(scratch, "local.txt");
        await File.WriteAllTextAsync(local, "sent over tls");
        var name = UniqueName.For("tls") + ".txt";

        try
        {
            await Curl($"ftp://{ftp.Host}:{ftp.Port}/{name}", "--ssl-reqd", "-k", "-T", local);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        var listing = await Curl($"ftp://{ftp.Host}:{ftp.Port}/", "--ssl-reqd", "-k");

        Assert.Contains(name, listing, StringComparison.Ordinal);
        Assert.Equal("sent over tls", await File.ReadAllTextAsync(Path.Combine(ftp.RootDirectory, name)));
    }

    private Task<string> Curl(string url, params string[] options) =>
        Tool.RunAsync("curl", "curl", ["--silent", "--show-error", "--user", $"{ftp.UserName}:{ftp.Password}", .. options, url]);
}
