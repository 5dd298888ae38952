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
        return connection.Kind switch
        {
            ConnectionKind.Sftp => await SftpFileSystem.ConnectAsync(ConnectorSettings.Sftp(connection), cancellationToken),
            ConnectionKind.Ftp => await FtpFileSystem.ConnectAsync(ConnectorSettings.Ftp(connection), cancellationToken),
            ConnectionKind.Smb => await SmbFileSystem.ConnectAsync(ConnectorSettings.Smb(connection), cancellationToken),
            ConnectionKind.Blob => await BlobFileSystem.ConnectAsync(ConnectorSettings.Blob(connection), cancellationToken),
            ConnectionKind.Http => new HttpFileSystem(
                new HttpSettings(new Uri(Required(connection, connection.Settings.BaseAddress, "address")))
                {
                    Token = AsSecret(connection.Secrets.Token),
                    HeaderName = TokenHeaders.NameFor(connection.Settings),
                    Scheme = TokenHeaders.IsAuthorization(connection.Settings) ? "Bearer" : "",
                }),
            _ => throw new SourceException($"The connection '{connection.Name}' is a {connection.Kind} connection, not a file server."),
        };
    }

    private static string Required(Connection connection, string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new SourceException($"The connection '{connection.Name}' has no {what}.") : value;

    private static Secret? AsSecret(string? value) => value is null ? null : new Secret(value);
}
