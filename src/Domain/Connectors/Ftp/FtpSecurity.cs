namespace Courier.Domain.Connectors.Ftp;

/// <summary>Plain FTP, or explicit FTPS (AUTH TLS on the control connection, PROT P: TLS on every data connection too).</summary>
public enum FtpSecurity
{
    None,
    ExplicitTls,
}
