using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Ftp;
using Courier.Domain.Destinations;
using Courier.Domain.Destinations.Ftp;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>The file-system destination contract against vsftpd, plain FTP.</summary>
public sealed class FtpDestinationTests(FtpFixture ftp) : FileSystemDestinationContract, IClassFixture<FtpFixture>
{
    protected override IDestination Destination { get; } = new FtpDestination(TimeProvider.System);

    protected override FileSystemDestinationSettings Settings(string directory, OverwritePolicy overwrite, bool skipEmpty = false) =>
        new FtpDestinationSettings(FtpConnections.Plain(ftp)) { Directory = directory, Overwrite = overwrite, SkipEmptyFile = skipEmpty };

    protected override FileSystemDestinationSettings DownSettings() =>
        new FtpDestinationSettings(new FtpSettings("127.0.0.1", ftp.UserName) { Port = FreePort.Next(), Password = new Secret(Canary) });

    protected override FileSystemDestinationSettings WrongPasswordSettings() =>
        new FtpDestinationSettings(FtpConnections.Plain(ftp) with { Password = new Secret(Canary) });

    protected override Task<IReadOnlyDictionary<string, byte[]>> ReadDirectoryAsync(string directory) =>
        LocalDirectory.ReadAsync(ftp.RootDirectory, directory);
}
