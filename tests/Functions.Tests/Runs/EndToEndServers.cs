using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Courier.Domain.Model;
using Courier.Functions.Tests.Api;
using Courier.Testing;
using Npgsql;

namespace Courier.Functions.Tests.Runs;

/// <summary>
/// Everything a run touches, real: Azurite, PostgreSQL with an orders table, sshd, maildev, gpg, and the
/// host in memory (its dispatchers and schedule ticker running). Connections are created through the API.
/// </summary>
public sealed class EndToEndServers : IAsyncLifetime
{
    public const int OrderRows = 250;

    private readonly AzuriteFixture _azurite = new();
    private CourierAppFactory? _host;

    public PostgresFixture Postgres { get; } = new();

    public SshFixture Ssh { get; } = new();

    public MailDevFixture Mail { get; } = new();

    public Gpg Gpg { get; } = new();

    public string StorageConnectionString => _azurite.ConnectionString;

    /// <summary>The hosts' configuration: the in-memory host starts on first use, so a test may run the built executable with these instead.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    public IServiceProvider Services => _host!.Services;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_azurite.InitializeAsync(), Postgres.InitializeAsync(), Ssh.InitializeAsync(), Mail.InitializeAsync());
        await using (var connection = new NpgsqlConnection(Postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"create table e2e_orders as select i as id, case when i % 2 = 0 then 'EU' else 'US' end as region, (i * 1.25)::numeric(10,2) as amount from generate_series(1, {OrderRows}) i",
                connection);
            await command.ExecuteNonQueryAsync();
        }
        var settings = CourierAppFactory.SettingsFor(_azurite.ConnectionString);
        settings["Courier:Catalog:TablePrefix"] = UniqueName.For("e2e");
        settings["Courier:Secrets:ActiveKeyId"] = "e1";
        settings["Courier:Secrets:Keys:e1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        settings["Courier:Scheduler:Refresh"] = "00:00:01";
        Settings = settings;
        _host = new CourierAppFactory(settings);
    }

    public HttpClient Admin()
    {
        var client = _host!.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", CourierAppFactory.BootstrapKey);
        return client;
    }

    public Connection PostgresConnection() => new()
    {
        Name = UniqueName.For("warehouse"),
        Kind = ConnectionKind.Postgres,
        Settings = new ConnectionSettings { Host = "127.0.0.1", Port = Postgres.Port, Database = Postgres.Database, Username = "postgres" },
    };

    public Connection SftpConnection(int? port = null) => new()
    {
        Name = UniqueName.For("sftp"),
        Kind = ConnectionKind.Sftp,
        Settings = new ConnectionSettings { Host = Ssh.Host, Port = port ?? Ssh.Port, Username = Ssh.UserName, HostKeyFingerprint = Ssh.HostKeySha256Fingerprint },
        Secrets = new ConnectionSecrets { Password = Ssh.Password },
    };

    public Connection SmtpConnection() => new()
    {
        Name = UniqueName.For("smtp"),
        Kind = ConnectionKind.Smtp,
        Settings = new ConnectionSettings { Host = Mail.Host, Port = Mail.SmtpPort, FromAddress = "courier@e2e.test" },
    };

    public Connection GpgConnection() => new()
    {
        Name = UniqueName.For("partner key"),
        Kind = ConnectionKind.GpgKey,
        Secrets = new ConnectionSecrets { PgpKey = Gpg.RsaPublicKey },
    };

    public static async Task<Guid> CreateAsync<T>(HttpClient client, string path, T value) => await ApiSamples.CreatedAsync(client, path, value);

    public static async Task<JsonElement> GetAsync(HttpClient client, string path) =>
        await client.GetFromJsonAsync<JsonElement>(path);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        Gpg.Dispose();
        await Mail.DisposeAsync();
        await Ssh.DisposeAsync();
        await Postgres.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
