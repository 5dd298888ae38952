using Courier.Domain.Model;

namespace Courier.Domain.Catalog;

/// <summary>What the API and the UI show of a connection's secrets: only whether each one is set.</summary>
public sealed record SecretStatus
{
    public const string Set = "set";
    public const string NotSet = "not set";

    public required string Password { get; init; }

    public required string PrivateKey { get; init; }

    public required string PrivateKeyPassphrase { get; init; }

    public required string Token { get; init; }

    public required string PgpKey { get; init; }

    public required string ConnectionString { get; init; }

    public static SecretStatus Of(ConnectionSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return new SecretStatus
        {
            Password = State(secrets.Password),
            PrivateKey = State(secrets.PrivateKey),
            PrivateKeyPassphrase = State(secrets.PrivateKeyPassphrase),
            Token = State(secrets.Token),
            PgpKey = State(secrets.PgpKey),
            ConnectionString = State(secrets.ConnectionString),
        };
    }

    private static string State(string? value) => value is null ? NotSet : Set;
}
