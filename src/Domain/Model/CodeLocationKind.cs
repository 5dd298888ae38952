namespace Courier.Domain.Model;

/// <summary>Where the text of a query, command or script is kept.</summary>
public enum CodeLocationKind
{
    /// <summary>The text is stored in the task itself.</summary>
    Inline,
    Sftp,
    Ftp,
    Smb,

    /// <summary>An HTTP(S) address, e.g. a GitHub/GitLab raw link; a token comes from an http connection.</summary>
    Web,
    Blob,
}
