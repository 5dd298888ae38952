using System.Security.Cryptography;
using Courier.Testing;

namespace Courier.Servers.Tests;

public sealed class SambaSmokeTests(SambaFixture samba) : IClassFixture<SambaFixture>
{
    [Fact]
    public async Task A_file_put_on_the_share_lands_in_the_root_directory_and_comes_back()
    {
        var scratch = TestRun.NewTempDirectory("smbclient");
        var content = RandomNumberGenerator.GetBytes(100_000);
        await File.WriteAllBytesAsync(Path.Combine(scratch, "up.bin"), content);
        var name = UniqueName.For("smb") + ".bin";

        try
        {
            await Tool.RunAsync("smbclient", "smbclient",
            [
                $"//{samba.Host}/{samba.ShareName}", "-p", $"{samba.Port}", "-s", samba.Server.ConfigPath,
                "-U", $"{samba.UserName}%{samba.Password}", "-m", "SMB3",
                "-c", $"put up.bin {name}; get {name} down.bin",
            ], workingDirectory: scratch);

            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(samba.RootDirectory, name)));
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(scratch, "down.bin")));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
