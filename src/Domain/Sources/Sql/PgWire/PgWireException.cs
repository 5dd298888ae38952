using System.Data.Common;

namespace Courier.Domain.Sources.Sql.PgWire;

/// <summary>
/// An ErrorResponse from the server, worded like Npgsql's ("42P01: relation ... does not exist") so
/// the run log reads the same on either path. Server messages carry no password.
/// </summary>
internal sealed class PgWireException(string sqlState, string message)
    : DbException($"{sqlState}: {message}")
{
    public override string SqlState { get; } = sqlState;
}

/// <summary>
/// The server asked for something the wire client does not do (an authentication method, TLS
/// it cannot check, a password that was not given). Nothing has been written yet: Npgsql takes over.
/// </summary>
internal sealed class PgWireUnsupportedException(string reason) : Exception(reason);
