using Courier.Domain.Connectors.Blob;
using Courier.Domain.Connectors.Email;
using Courier.Domain.Connectors.Ftp;
using Courier.Domain.Connectors.Sftp;
using Courier.Domain.Connectors.Smb;
using Courier.Domain.Model;

namespace Courier.Domain.Connectors;

/// <summary>
/// A catalog <see cref="Connection"/> (settings + decrypted secrets) as the connector settings a
/// destination, notification, remote-file source or trigger uses. Errors name the connection and the missing setting, never a value.
/// </summary>
public static class ConnectorSettings
{
    public static SftpSettings Sftp(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Expect(connection, ConnectionKind.Sftp);
        var s = connection.Settings;
        return new SftpSettings(Required(connection, "host", s.Host), Required(connection, "username", s.Username))
        {
            Port = s.Port ?? 22,
            Password = SecretOf(connection.Secrets.Password),
            PrivateKey = SecretOf(connection.Secrets.PrivateKey),
            PrivateKeyPassphrase = SecretOf(connection.Secrets.PrivateKeyPassphrase),
            HostKeySha256 = s.HostKeyFingerprint,
            RootDirectory = s.Path ?? "",
            ConnectTimeout = s.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(20),
        };
    }

    public static FtpSettings Ftp(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Expect(connection, ConnectionKind.Ftp);
        var s = connection.Settings;
        return new FtpSettings(Required(connection, "host", s.Host), s.Username ?? "anonymous")
        {
            Port = s.Port ?? 21,
            Password = SecretOf(connection.Secrets.Password),
            Security = s.UseTls ? FtpSecurity.ExplicitTls : FtpSecurity.None,
            // The connection's one pinning field serves FTPS too: a self-signed server's certificate thumbprint.
            CertificateSha256 = s.UseTls ? s.HostKeyFingerprint : null,
            RootDirectory = s.Path ?? "",
            Timeout = s.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(30),
        };
    }

    public static SmbSettings Smb(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Expect(connection, ConnectionKind.Smb);
        var s = connection.Settings;
        return new SmbSettings(Required(connection, "host", s.Host), Required(connection, "share", s.Share), s.Username ?? "")
        {
            Port = s.Port ?? 445,
            Password = SecretOf(connection.Secrets.Password),
            Workgroup = s.Domain ?? "",
        };
    }

    /// <summary>A connection string, or the service address plus a SAS token (an account key alone cannot sign here).</summary>
    public static BlobSettings Blob(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Expect(connection, ConnectionKind.Blob);
        var s = connection.Settings;
        var container = Required(connection, "path (the container name)", s.Path);
        if (connection.Secrets.ConnectionString is { } connectionString)
        {
            return new BlobSettings(container) { ConnectionString = new Secret(connectionString) };
        }
        var token = connection.Secrets.Token;
        if (s.BaseAddress is null || token is null || !token.Contains("sig=", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Connection '{connection.Name}' (blob) needs secrets.connectionString, or settings.baseAddress with a SAS token in secrets.token.");
        }
        return new BlobSettings(container) { ContainerSasUrl = new Secret($"{s.BaseAddress.TrimEnd('/')}/{Uri.EscapeDataString(container)}?{token.TrimStart('?')}") };
    }

    /// <summary>SMTP (TLS when <c>useTls</c>: implicit on 465, STARTTLS elsewhere; authenticated when a user name is set) or SendGrid (API key in the token).</summary>
    public static EmailTransport Email(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var s = connection.Settings;
        var from = Required(connection, "fromAddress", s.FromAddress);
        return connection.Kind switch
        {
            ConnectionKind.Smtp => new EmailTransport(from)
            {
                Smtp = new SmtpSettings(Required(connection, "host", s.Host), s.Port ?? (s.UseTls ? 587 : 25))
                {
                    Security = !s.UseTls ? SmtpSecurity.None : s.Port == 465 ? SmtpSecurity.SslOnConnect : SmtpSecurity.StartTls,
                    Username = s.Username,
                    Password = SecretOf(connection.Secrets.Password),
                    CertificateSha256 = s.HostKeyFingerprint,
                    Timeout = s.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(60),
                },
            },
            ConnectionKind.SendGrid => new EmailTransport(from)
            {
                SendGrid = new SendGridSettings(new Secret(Required(connection, "secrets.token", connection.Secrets.Token)))
                {
                    BaseUrl = s.BaseAddress ?? "https://api.sendgrid.com",
                },
            },
            _ => throw new ArgumentException($"Connection '{connection.Name}' is a {connection.Kind} connection; email needs smtp or sendGrid."),
        };
    }

    private static void Expect(Connection connection, ConnectionKind kind)
    {
        if (connection.Kind != kind)
        {
            throw new ArgumentException($"Connection '{connection.Name}' is a {connection.Kind} connection; this destination needs {kind}.");
        }
    }

    private static string Required(Connection connection, string field, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"Connection '{connection.Name}' ({connection.Kind}) has no {field}.")
            : value;

    private static Secret? SecretOf(string? value) => value is null ? null : new Secret(value);
}
