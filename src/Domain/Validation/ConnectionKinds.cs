using Courier.Domain.Model;

namespace Courier.Domain.Validation;

/// <summary>Which connection kinds each use of a connection accepts.</summary>
public static class ConnectionKinds
{
    public static readonly IReadOnlySet<ConnectionKind> Databases =
        new HashSet<ConnectionKind> { ConnectionKind.Postgres, ConnectionKind.SqlServer, ConnectionKind.MySql, ConnectionKind.Sqlite };

    public static readonly IReadOnlySet<ConnectionKind> FileServers =
        new HashSet<ConnectionKind> { ConnectionKind.Sftp, ConnectionKind.Ftp, ConnectionKind.Smb, ConnectionKind.Blob };

    public static readonly IReadOnlySet<ConnectionKind> Mail =
        new HashSet<ConnectionKind> { ConnectionKind.Smtp, ConnectionKind.SendGrid };

    public static IReadOnlySet<ConnectionKind> ForSource(SourceKind kind) => kind switch
    {
        SourceKind.Sql => Databases,
        SourceKind.RemoteFile => new HashSet<ConnectionKind>(FileServers) { ConnectionKind.Http },
        SourceKind.SshCommand => new HashSet<ConnectionKind> { ConnectionKind.Ssh },
        _ => new HashSet<ConnectionKind>(),
    };

    public static IReadOnlySet<ConnectionKind> ForDestination(DestinationKind kind) => kind switch
    {
        DestinationKind.Sftp => new HashSet<ConnectionKind> { ConnectionKind.Sftp },
        DestinationKind.Ftp => new HashSet<ConnectionKind> { ConnectionKind.Ftp },
        DestinationKind.Smb => new HashSet<ConnectionKind> { ConnectionKind.Smb },
        DestinationKind.Blob => new HashSet<ConnectionKind> { ConnectionKind.Blob },
        DestinationKind.Email => Mail,
        _ => new HashSet<ConnectionKind>(),
    };

    public static IReadOnlySet<ConnectionKind> ForCode(CodeLocationKind kind) => kind switch
    {
        CodeLocationKind.Sftp => new HashSet<ConnectionKind> { ConnectionKind.Sftp },
        CodeLocationKind.Ftp => new HashSet<ConnectionKind> { ConnectionKind.Ftp },
        CodeLocationKind.Smb => new HashSet<ConnectionKind> { ConnectionKind.Smb },
        CodeLocationKind.Blob => new HashSet<ConnectionKind> { ConnectionKind.Blob },
        CodeLocationKind.Web => new HashSet<ConnectionKind> { ConnectionKind.Http },
        _ => new HashSet<ConnectionKind>(),
    };

    /// <summary>"postgres, sqlServer" — as the JSON spells them.</summary>
    public static string Describe(IEnumerable<ConnectionKind> kinds) =>
        string.Join(", ", kinds.Select(k => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(k.ToString())));
}
