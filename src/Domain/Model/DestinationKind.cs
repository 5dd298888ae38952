namespace Courier.Domain.Model;

/// <summary>Where a task delivers its files.</summary>
public enum DestinationKind
{
    Sftp,
    Ftp,
    Smb,

    /// <summary>An Azure Blob container ("storage space").</summary>
    Blob,

    /// <summary>Email (SMTP or SendGrid) to the task's recipients and groups; SMS gateway addresses get a short text.</summary>
    Email,
}
