namespace Courier.Domain.Model;

/// <summary>Where a report's data comes from.</summary>
public enum SourceKind
{
    /// <summary>A SQL query on a database connection, with bound parameters.</summary>
    Sql,

    /// <summary>A remote file (wildcards allowed) fetched from SFTP, FTP, SMB, blob or HTTP.</summary>
    RemoteFile,

    /// <summary>A processing script with no input; its output files are the report.</summary>
    Script,

    /// <summary>A command run over SSH; its standard output is the data.</summary>
    SshCommand,
}
