using Npgsql;

namespace Courier.Domain.Sources.Sql.PgWire;

/// <summary>
/// What the COPY wire client needs from an Npgsql connection string, or null when the string asks
/// for something it does not do (several hosts, a Unix socket, certificate checks, a password
/// file): then the export goes through Npgsql.
/// </summary>
internal sealed record PgWireSettings(
    string Host, int Port, string Username, string? Password, string Database, SslMode SslMode,
    int ConnectTimeoutSeconds, IReadOnlyList<KeyValuePair<string, string>> StartupParameters)
{
    public static PgWireSettings? From(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var host = builder.Host;
        if (string.IsNullOrEmpty(host) || host.Contains(',', StringComparison.Ordinal) || host.StartsWith('/')
            || builder.SslMode is SslMode.VerifyCA or SslMode.VerifyFull
            || !string.IsNullOrEmpty(builder.RootCertificate) || !string.IsNullOrEmpty(builder.SslCertificate)
            || !string.IsNullOrEmpty(builder.Passfile)
            || string.IsNullOrEmpty(builder.Username))
        {
            return null;
        }
        // The session settings Npgsql would send, so the CSV text (time zone, search path) is the same.
        var startup = new List<KeyValuePair<string, string>>
        {
            new("user", builder.Username),
            new("database", string.IsNullOrEmpty(builder.Database) ? builder.Username : builder.Database),
            new("client_encoding", "UTF8"),
        };
        AddIfSet(startup, "application_name", builder.ApplicationName);
        AddIfSet(startup, "search_path", builder.SearchPath);
        AddIfSet(startup, "TimeZone", builder.Timezone);
        AddIfSet(startup, "options", builder.Options);
        return new PgWireSettings(
            host, builder.Port, builder.Username, builder.Password, startup[1].Value, builder.SslMode,
            builder.Timeout, startup);
    }

    private static void AddIfSet(List<KeyValuePair<string, string>> startup, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            startup.Add(new(name, value));
        }
    }
}
