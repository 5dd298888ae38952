namespace Courier.Domain.Model;

/// <summary>What a connection connects to; decides which settings and secrets it needs.</summary>
public enum ConnectionKind
{
    Postgres,
    SqlServer,
    MySql,
    Sqlite,
    Sftp,
    Ftp,
    Smb,
    Ssh,
    Smtp,
    SendGrid,
    Http,
    Blob,
    GpgKey,
}
