using System.Diagnostics;
using System.Globalization;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Sql;
using Courier.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

// Usage: Sources.Bench [--rounds N] [rows ...]   (default: 3 rounds of 1000000 and 10000000)
//        Sources.Bench --child copy|reader <connection string> <output file> [warm]   (one measured export)
// Each Courier export runs in a child process so its peak RSS (VmHWM) is its own. A cold child measures its
// first export, which also pays .NET's JIT warm-up (~1.4 CPU s); a warm child first exports 100,000 rows, as a
// long-running Courier host has done long before, and measures the export after it.
const string Query = "SELECT id, customer, amount, created_at, paid, ref, note, qty, score, day FROM bench ORDER BY id";

if (args.Length is 4 or 5 && args[0] == "--child")
{
    var query = args[1] == "reader" ? Query.Replace("ORDER BY", "WHERE id > @floor ORDER BY", StringComparison.Ordinal) : Query;
    var parameters = args[1] == "reader" ? new Dictionary<string, string> { ["floor"] = "0" } : null;
    var source = new SqlSource(new SqlProviders([new PostgresProvider()]));
    var context = new SourceContext(TimeProvider.System, TimeZoneInfo.Utc, NullLogger.Instance);
    if (args.Length == 5 && args[4] == "warm")
    {
        await source.ExportCsvAsync(
            new SqlQueryRequest("postgres", args[2], query + " LIMIT 100000", TaskTimeoutSeconds: 600, RowCountLogInterval: 1_000_000, Parameters: parameters),
            context, Stream.Null, CancellationToken.None);
    }
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    var watch = Stopwatch.StartNew();
    await using var file = new FileStream(args[3], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    var rows = await source.ExportCsvAsync(
        new SqlQueryRequest("postgres", args[2], query, TaskTimeoutSeconds: 600, RowCountLogInterval: 1_000_000, Parameters: parameters),
        context, file, CancellationToken.None);
    await file.FlushAsync();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - cpuBefore;
    Console.WriteLine($"{rows} {PeakRssMegabytes()} {watch.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} {cpu.ToString("0.00", CultureInfo.InvariantCulture)}");
    return 0;
}

// Each method runs a few rounds (psql too), interleaved: the PostgreSQL server's own time for the same
// query varies from 1.6 to 2.7 s from run to run here, so one round would decide the ratio by luck.
var rounds = args.Length > 1 && args[0] == "--rounds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var sizeArgs = args.Length > 1 && args[0] == "--rounds" ? args[2..] : args;
var sizes = sizeArgs.Length > 0 ? sizeArgs.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000_000, 10_000_000];
await using var server = await PostgresServer.StartAsync();
var scratch = TestRun.NewTempDirectory("sources-bench");
try
{
    Console.WriteLine($"{rounds} rounds; seconds: whole process (psql too); in-process: Courier's export alone, without .NET start-up;");
    Console.WriteLine("warm: the export after a 100,000-row one in the same process, as in a running host (seconds = in-process);");
    Console.WriteLine("CPU s: the measured export's own CPU time (on a shared machine, wall time also waits for the server)");
    Console.WriteLine("best: the fastest round (its in-process and CPU figures too); median: the middle round, against psql's median");
    Console.WriteLine($"{"rows",11}  {"method",-38} {"best s",8} {"×psql",6} {"in-process",10} {"CPU s",6} {"peak RSS MB",12} {"MB out",8} {"median s",8} {"×psql",6}");
    foreach (var rows in sizes)
    {
        await Load(server.ConnectionString, rows);
        var psqlFile = Path.Combine(scratch, "psql.csv");
        var measured = new Dictionary<string, List<Measurement>>();
        for (var round = 0; round < rounds; round++)
        {
            var psql = await Time(() => Tool.RunAsync("psql", Path.Combine(server.BinDirectory, "psql"),
                ["-X", "-q", "-h", "127.0.0.1", "-p", $"{server.Port}", "-U", "postgres", "-d", server.Database,
                 "-c", $"\\copy ({Query}) to '{psqlFile}' csv header"], timeout: TimeSpan.FromMinutes(10)));
            Keep(measured, new Measurement("psql \\copy (reference)", psql, null, null, null, new FileInfo(psqlFile).Length));

            foreach (var (mode, warm) in new[] { ("copy", false), ("reader", false), ("copy", true), ("reader", true) })
            {
                var file = Path.Combine(scratch, $"{mode}.csv");
                string output = "";
                var seconds = await Time(async () => output = await Tool.RunAsync("courier", Environment.ProcessPath!,
                    [.. ChildPrefix(), "--child", mode, server.ConnectionString, file, warm ? "warm" : "cold"], timeout: TimeSpan.FromMinutes(10)));
                var parts = output.Trim().Split(' ');
                var same = Same(psqlFile, file) ? "" : "  (output differs from psql!)";
                var method = (mode == "copy" ? "Courier COPY fast path" : "Courier generic reader path") + (warm ? ", warm" : "") + same;
                // A warm export's time is its own (in-process): the process around it did other work first.
                Keep(measured, new Measurement(method, warm ? double.Parse(parts[2], CultureInfo.InvariantCulture) : seconds, parts[2], parts[3], parts[1], new FileInfo(file).Length));
                File.Delete(file);
            }
            File.Delete(psqlFile);
        }
        var reference = measured.Values.First();
        foreach (var method in measured.Values)
        {
            Report(rows, method, reference);
        }
    }
}
finally
{
    Directory.Delete(scratch, recursive: true);
}
return 0;

static IEnumerable<string> ChildPrefix() =>
    Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? [typeof(SqlSource).Assembly.Location.Replace("Courier.Domain.dll", "Courier.Sources.Bench.dll", StringComparison.Ordinal)] : [];

static async Task Load(string connectionString, int rows)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(
        $"""
        DROP TABLE IF EXISTS bench;
        SET TimeZone = 'UTC';
        CREATE TABLE bench AS
        SELECT g::bigint AS id,
               CASE WHEN g % 10 = 0 THEN NULL WHEN g % 7 = 0 THEN 'Smith, "Jr"' ELSE 'customer ' || g END AS customer,
               (g % 100000) / 100.0 + 0.5 AS amount,
               timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second' AS created_at,
               g % 2 = 0 AS paid,
               md5(g::text)::uuid AS ref,
               CASE WHEN g % 5 = 0 THEN NULL ELSE 'note ' || (g % 97) END AS note,
               (g % 1000)::int AS qty,
               g / 7.0::float8 AS score,
               date '2026-01-01' + (g % 365) AS day
        FROM generate_series(1, {rows}) AS g;
        ANALYZE bench;
        """, connection);
    command.CommandTimeout = 1800;
    await command.ExecuteNonQueryAsync();
}

static async Task<double> Time(Func<Task> action)
{
    var watch = Stopwatch.StartNew();
    await action();
    return watch.Elapsed.TotalSeconds;
}

static void Keep(Dictionary<string, List<Measurement>> measured, Measurement measurement)
{
    if (!measured.TryGetValue(measurement.Method, out var list))
    {
        measured[measurement.Method] = list = [];
    }
    list.Add(measurement);
}

// The fastest round's figures, the highest peak RSS of any round, and the median round beside the best.
static void Report(int rows, List<Measurement> rounds, List<Measurement> psql)
{
    var best = rounds.MinBy(m => m.Seconds)!;
    var peak = rounds.Max(m => m.PeakRss is null ? (double?)null : double.Parse(m.PeakRss, CultureInfo.InvariantCulture));
    var median = Median(rounds);
    Console.WriteLine(
        $"{rows,11:N0}  {best.Method,-38} {best.Seconds,8:0.00} {best.Seconds / psql.Min(m => m.Seconds),6:0.00} {best.InProcess ?? "-",10} {best.Cpu ?? "-",6} {peak?.ToString("0", CultureInfo.InvariantCulture) ?? "-",12} {best.Bytes / 1e6,8:0.0} {median,8:0.00} {median / Median(psql),6:0.00}");
}

static double Median(List<Measurement> rounds)
{
    var sorted = rounds.Select(m => m.Seconds).Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static bool Same(string a, string b)
{
    using var left = File.OpenRead(a);
    using var right = File.OpenRead(b);
    return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(left)) == Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(right));
}

static string PeakRssMegabytes()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    return (kilobytes / 1024.0).ToString("0", CultureInfo.InvariantCulture);
}

internal sealed record Measurement(string Method, double Seconds, string? InProcess, string? Cpu, string? PeakRss, long Bytes);
