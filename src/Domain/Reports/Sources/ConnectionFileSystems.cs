using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Blob;
using Courier.Domain.Connectors.Ftp;
using Courier.Domain.Connectors.Http;
using Courier.Domain.Connectors.Sftp;
using Courier.Domain.Connectors.Smb;
using Courier.Domain.Model;
using Courier.Domain.Sources;

namespace Courier.Domain.Reports.Sources;

/// <summary>Opens the file system behind a stored file-server connection (SFTP, FTP, SMB, blob, HTTP).</summary>
public static class ConnectionFileSystems
{
    public static async Task<IRemoteFileSystem> ConnectAsync(Connection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var settings = connection.Settings;
        var secrets = connection.Secrets;
        return connection.Kind switch
        {
            ConnectionKind.Sftp => await SftpFileSystem.ConnectAsync(
                new SftpSettings(Required(connection, settings.Host, "host"), Required(connection, settings.Username, "user name"))
                {
                    Port = settings.Port ?? 22,
                    Password = AsSecret(secrets.Password),
                    PrivateKey = AsSecret(secrets.PrivateKey),
                    PrivateKeyPassphrase = AsSecret(secrets.PrivateKeyPassphrase),
                    HostKeySha256 = settings.HostKeyFingerprint,
                    RootDirectory = settings.Path ?? "",
                },
                cancellationToken),
            ConnectionKind.Ftp => await FtpFileSystem.ConnectAsync(
                new FtpSettings(Required(connection, settings.Host, "host"), Required(connection, settings.Username, "user name"))
                {
                    Port = settings.Port ?? 21,
                    Password = AsSecret(secrets.Password),
                    Security = settings.UseTls ? FtpSecurity.ExplicitTls : FtpSecurity.None,
                    RootDirectory = settings.Path ?? "",
                },
                cancellationToken),
            ConnectionKind.Smb => await SmbFileSystem.ConnectAsync(
                new SmbSettings(Required(connection, settings.Host, "host"), Required(connection, settings.Share, "share"), settings.Username ?? "")
                {
                    Port = settings.Port ?? 445,
                    Password = AsSecret(secrets.Password),
                    Workgroup = settings.Domain ?? "",
                },
                cancellationToken),
            ConnectionKind.Blob => await BlobFileSystem.ConnectAsync(BlobSettingsOf(connection), cancellationToken),
            ConnectionKind.Http => new HttpFileSystem(
                new HttpSettings(new Uri(Required(connection, settings.BaseAddress, "address"))) { Token = AsSecret(secrets.Token) }),
            _ => throw new SourceException($"The connection '{connection.Name}' is a {connection.Kind} connection, not a file server."),
        };
    }

    // Settings.Path is the container; a SAS token goes after the service address.
    private static BlobSettings BlobSettingsOf(Connection connection)
    {
        var container = Required(connection, connection.Settings.Path, "container (path)");
        var secrets = connection.Secrets;
        if (secrets.ConnectionString is not null)
        {
            return new BlobSettings(container) { ConnectionString = new Secret(secrets.ConnectionString) };
        }
        var address = Required(connection, connection.Settings.BaseAddress, "address");
        var token = secrets.Token ?? throw new SourceException($"The connection '{connection.Name}' has no connection string or SAS token.");
        return new BlobSettings(container) { ContainerSasUrl = new Secret($"{address.TrimEnd('/')}/{container}?{token.TrimStart('?')}") };
    }

    private static string Required(Connection connection, string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new SourceException($"The connection '{connection.Name}' has no {what}.") : value;

    private static Secret? AsSecret(string? value) => value is null ? null : new Secret(value);
}
