using System.Text;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Sql;
using Courier.Domain.Sources.Sql.PgWire;

namespace Courier.Sources.Tests;

/// <summary>
/// The COPY wire client against a real server, for each password method it speaks, and the way it
/// hands over to Npgsql for what it does not do.
/// </summary>
public sealed class PgWireCopyOutTests(PasswordDatabase db) : IClassFixture<PasswordDatabase>
{
    private const string Copy = $"COPY ({PasswordDatabase.ItemsQuery}) TO STDOUT WITH (FORMAT csv, HEADER)";

    [Theory]
    [InlineData("postgres", null)]
    [InlineData("scram_user", PasswordDatabase.Password)]
    [InlineData("md5_user", PasswordDatabase.Password)]
    [InlineData("clear_user", PasswordDatabase.Password)]
    public async Task Each_authentication_method_gives_the_COPY_bytes(string user, string? password)
    {
        var settings = PgWireSettings.From(db.ConnectionString(user, password))!;
        using var output = new MemoryStream();

        await CopyPump.PumpAsync(new PgWireCopyOut(settings, Copy), output, CancellationToken.None);

        Assert.Equal(PasswordDatabase.ItemsCsv, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Theory]
    [InlineData("Require", "t")]
    [InlineData("Prefer", "t")]
    [InlineData("Disable", "f")]
    public async Task TLS_is_used_as_the_connection_asks(string sslMode, string encrypted)
    {
        var settings = PgWireSettings.From(db.ConnectionString("scram_user", PasswordDatabase.Password) + $";SSL Mode={sslMode}")!;
        using var output = new MemoryStream();

        await CopyPump.PumpAsync(
            new PgWireCopyOut(settings, "COPY (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) TO STDOUT WITH (FORMAT csv)"),
            output, CancellationToken.None);

        Assert.Equal(encrypted + "\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task A_wrong_password_fails_to_connect_without_showing_it()
    {
        var wrong = "not-the-" + PasswordDatabase.Password;

        var error = await Assert.ThrowsAsync<SourceException>(() => Sql.Source.ExportCsvAsync(
            Request(db.ConnectionString("scram_user", wrong)), Sql.Context(new RunLog()), Stream.Null, CancellationToken.None));

        Assert.StartsWith("Could not connect to the database: 28P01: password authentication failed for user \"scram_user\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_wants_a_password_nobody_gave_is_left_to_Npgsql()
    {
        var settings = PgWireSettings.From(db.ConnectionString("scram_user", null))!;

        var refused = await Assert.ThrowsAsync<PgWireUnsupportedException>(() =>
            CopyPump.PumpAsync(new PgWireCopyOut(settings, Copy), Stream.Null, CancellationToken.None));
        var viaNpgsql = await Assert.ThrowsAsync<SourceException>(() => Sql.Source.ExportCsvAsync(
            Request(db.ConnectionString("scram_user", null)), Sql.Context(new RunLog()), Stream.Null, CancellationToken.None));

        Assert.Contains("password", refused.Message, StringComparison.Ordinal);
        // Npgsql's own wording: it looked for a password in the environment and a password file too.
        Assert.StartsWith("Could not connect to the database:", viaNpgsql.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_the_wire_client_does_not_handle_export_the_same_bytes_through_Npgsql()
    {
        var twoHosts = db.ConnectionString("scram_user", PasswordDatabase.Password).Replace("Host=127.0.0.1", "Host=127.0.0.1,127.0.0.1", StringComparison.Ordinal);
        using var output = new MemoryStream();

        var rows = await Sql.Source.ExportCsvAsync(Request(twoHosts), Sql.Context(new RunLog()), output, CancellationToken.None);

        Assert.Null(PgWireSettings.From(twoHosts));
        Assert.Equal(5000, rows);
        Assert.Equal(PasswordDatabase.ItemsCsv, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task A_query_error_is_the_servers_message()
    {
        var error = await Assert.ThrowsAsync<SourceException>(() => Sql.Source.ExportCsvAsync(
            Request(db.ConnectionString("md5_user", PasswordDatabase.Password), "SELECT * FROM no_such_table"),
            Sql.Context(new RunLog()), Stream.Null, CancellationToken.None));

        Assert.Equal("The query failed: 42P01: relation \"no_such_table\" does not exist", error.Message);
    }

    [Fact]
    public async Task A_server_that_stops_answering_in_the_middle_of_a_COPY_fails_it_at_the_task_timeout()
    {
        await using var relay = FreezingRelay.Start(db.Server.Port);
        var throughRelay = $"Host=127.0.0.1;Port={relay.Port};Username=postgres;Database={db.Server.Database}";
        // A row every 10 ms for a minute: the export is streaming when the network goes.
        var trickle = "SELECT g, pg_sleep(0.01) FROM generate_series(1, 6000) AS g";
        var export = Sql.Source.ExportCsvAsync(
            Request(throughRelay, trickle) with { TaskTimeoutSeconds = 2 }, Sql.Context(new RunLog()), Stream.Null, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));

        relay.Freeze();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Even the CancelRequest goes unanswered: the read waiting on the server must still end.
        var error = await Assert.ThrowsAsync<SourceException>(() => export.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("2 s command timeout", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the export took {clock.Elapsed} to give up");
    }

    private static SqlQueryRequest Request(string connectionString, string query = PasswordDatabase.ItemsQuery) =>
        new("postgres", connectionString, query);
}
