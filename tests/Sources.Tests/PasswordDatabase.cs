using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Courier.Testing;
using Npgsql;

namespace Courier.Sources.Tests;

/// <summary>
/// A PostgreSQL cluster whose pg_hba.conf asks three users for a password, each with another
/// method (SCRAM-SHA-256, MD5, cleartext), ahead of the trust rule the other users keep; and a small
/// table <c>items</c> with commas, quotes and NULLs in its text. TLS is on, with a self-signed
/// certificate, so connections that prefer or require it get it.
/// </summary>
public sealed class PasswordDatabase : IAsyncLifetime
{
    public const string Password = "Pa55-w0rd!";

    public const string ItemsQuery = "SELECT g AS id, CASE WHEN g % 3 = 0 THEN NULL ELSE 'item, \"' || g || '\"' END AS label FROM generate_series(1, 5000) AS g";

    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL has not started.");

    /// <summary>The CSV that COPY gives for <see cref="ItemsQuery"/>.</summary>
    public static string ItemsCsv => "id,label\n" + string.Concat(Enumerable.Range(1, 5000).Select(g => g % 3 == 0 ? $"{g},\n" : $"{g},\"item, \"\"{g}\"\"\"\n"));

    public string ConnectionString(string user, string? password) =>
        $"Host=127.0.0.1;Port={Server.Port};Username={user};Database={Server.Database}" + (password is null ? "" : $";Password={password}");

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        await using (var connection = new NpgsqlConnection(Server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                $"""
                SET password_encryption = 'scram-sha-256';
                CREATE ROLE scram_user LOGIN PASSWORD '{Password}';
                CREATE ROLE clear_user LOGIN PASSWORD '{Password}';
                SET password_encryption = 'md5';
                CREATE ROLE md5_user LOGIN PASSWORD '{Password}';
                """, connection);
            await create.ExecuteNonQueryAsync();
        }
        var hba = Path.Combine(Server.Directory, "data", "pg_hba.conf");
        await File.WriteAllTextAsync(hba,
            "host all scram_user 127.0.0.1/32 scram-sha-256\n" +
            "host all md5_user 127.0.0.1/32 md5\n" +
            "host all clear_user 127.0.0.1/32 password\n" +
            await File.ReadAllTextAsync(hba));
        await using (var connection = new NpgsqlConnection(Server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
            await reload.ExecuteNonQueryAsync();
        }
        await RulesLoadedAsync();
        await EnableTlsAsync();
    }

    private async Task EnableTlsAsync()
    {
        var data = Path.Combine(Server.Directory, "data");
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
        var keyFile = Path.Combine(data, "server.key");
        await File.WriteAllTextAsync(Path.Combine(data, "server.crt"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        // PostgreSQL refuses a key that others may read.
        await Tool.RunAsync("chmod", "chmod", ["600", keyFile]);
        await Tool.RunAsync("chown", "chown", ["postgres:", Path.Combine(data, "server.crt"), keyFile]);
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var enable = new NpgsqlCommand("ALTER SYSTEM SET ssl = on", connection);
        await enable.ExecuteNonQueryAsync();
        await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
        await reload.ExecuteNonQueryAsync();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                await using var tls = new NpgsqlConnection(Server.ConnectionString + ";SSL Mode=Require;Pooling=false");
                await tls.OpenAsync();
                return;
            }
            catch (NpgsqlException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException("PostgreSQL did not turn TLS on.");
    }

    /// <summary>The reload happens after pg_reload_conf returns: wait until md5_user needs its password.</summary>
    private async Task RulesLoadedAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("md5_user", null) + ";Pooling=false");
                await connection.OpenAsync();
            }
            catch (NpgsqlException)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("PostgreSQL did not load the password rules.");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
