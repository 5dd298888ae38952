using Courier.Domain.Model;

namespace Courier.Domain.Validation;

/// <summary>Rules for a connection: the settings and secrets its kind needs.</summary>
public static class ConnectionValidator
{
    public static IReadOnlyList<ValidationError> Validate(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var errors = new FieldErrors();
        CommonRules.Id(errors, "id", connection.Id);
        CommonRules.Name(errors, "name", connection.Name);
        CommonRules.Text(errors, "description", connection.Description);
        var s = connection.Settings;
        var secrets = connection.Secrets;
        var settings = errors.At("settings");
        CommonRules.Port(settings, "port", s.Port);
        CommonRules.PositiveSeconds(settings, "timeoutSeconds", s.TimeoutSeconds);
        var hasConnectionString = secrets.ConnectionString is not null;
        switch (connection.Kind)
        {
            case ConnectionKind.Postgres or ConnectionKind.SqlServer or ConnectionKind.MySql when !hasConnectionString:
                Require(settings, "host", s.Host, "or secrets.connectionString");
                Require(settings, "database", s.Database, "or secrets.connectionString");
                break;
            case ConnectionKind.Sqlite when !hasConnectionString:
                Require(settings, "database", s.Database, "(the database file path) or secrets.connectionString");
                break;
            case ConnectionKind.Sftp or ConnectionKind.Ssh:
                Require(settings, "host", s.Host);
                Require(settings, "username", s.Username);
                if (secrets.Password is null && secrets.PrivateKey is null)
                {
                    errors.Add("secrets.password", "is required unless secrets.privateKey is set");
                }

                break;
            case ConnectionKind.Ftp:
                Require(settings, "host", s.Host);
                break;
            case ConnectionKind.Smb:
                Require(settings, "host", s.Host);
                Require(settings, "share", s.Share);
                break;
            case ConnectionKind.Smtp:
                Require(settings, "host", s.Host);
                FromAddress(settings, s.FromAddress);
                break;
            case ConnectionKind.SendGrid:
                FromAddress(settings, s.FromAddress);
                if (secrets.Token is null)
                {
                    errors.Add("secrets.token", "is required (the SendGrid API key)");
                }

                break;
            case ConnectionKind.Http:
                if (!CommonRules.IsHttpAddress(s.BaseAddress))
                {
                    settings.Add("baseAddress", "must be an absolute http or https address");
                }

                break;
            case ConnectionKind.Blob:
                Require(settings, "path", s.Path, "(the container name)");
                if (!hasConnectionString && !CommonRules.IsHttpAddress(s.BaseAddress))
                {
                    settings.Add("baseAddress", "must be an absolute http(s) service address unless secrets.connectionString is set");
                }

                break;
            case ConnectionKind.GpgKey:
                if (secrets.PgpKey is null)
                {
                    errors.Add("secrets.pgpKey", "is required");
                }
                else if (!secrets.PgpKey.Contains("-----BEGIN PGP", StringComparison.Ordinal))
                {
                    errors.Add("secrets.pgpKey", "must be an ASCII-armored PGP key");
                }

                break;
            default:
                break;
        }

        if (s.BaseAddress is not null && !CommonRules.IsHttpAddress(s.BaseAddress))
        {
            settings.Add("baseAddress", "must be an absolute http or https address");
        }

        return errors.Errors.Distinct().ToList();
    }

    private static void Require(FieldErrors errors, string field, string? value, string? alternative = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, alternative is null ? "is required for this kind" : $"is required for this kind {alternative}");
        }
    }

    private static void FromAddress(FieldErrors errors, string? value)
    {
        if (!CommonRules.IsEmailAddress(value))
        {
            errors.Add("fromAddress", "must be an email address");
        }
    }
}
