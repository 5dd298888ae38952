using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Ftp;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>FTP settings for the vsftpd fixture: plain, or explicit FTPS pinned to its self-signed certificate.</summary>
internal static class FtpConnections
{
    public static FtpSettings Plain(FtpFixture ftp) =>
        new(ftp.Host, ftp.UserName) { Port = ftp.Port, Password = new Secret(ftp.Password) };

    public static FtpSettings Tls(FtpFixture ftp) =>
        Plain(ftp) with { Security = FtpSecurity.ExplicitTls, CertificateSha256 = Thumbprint(ftp.CertificatePath) };

    private static string Thumbprint(string pemPath)
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(pemPath));
        return Convert.ToHexString(SHA256.HashData(certificate.RawData));
    }
}
