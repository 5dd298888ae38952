using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Courier.Testing;

namespace Courier.Runs.Bench;

/// <summary>
/// The start API under <c>wrk</c> on loopback against the built host (<c>dotnet Courier.Functions.dll</c>)
/// on Azurite: thousands of enabled tasks that allow concurrent runs (so every request is a real start), taken in
/// turn; then the overlap case, a few tasks without concurrent runs, where most requests find their task running.
/// Printed beside the same host's <c>/healthz</c> and beside the storage ceiling: the same durable writes done directly at the same concurrency. Every started run is real: it is recorded and
/// its orchestration runs in the background.
/// </summary>
internal static partial class StartApiLoad
{
    private const string Key = "bench-bootstrap-admin-key-0123456789";
    private const int Connections = 32;

    /// <summary>Few enough that the overlap run keeps finding its tasks' runs still going.</summary>
    private const int OverlapTasks = 64;

    public static async Task RunAsync(int seconds, int taskCount, bool frontEnd, bool countRequests)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var requests = new ConcurrentDictionary<string, int>();
        await using var tableProxy = new CountingProxy("table", azurite.TablePort, requests);
        await using var queueProxy = new CountingProxy("queue", azurite.QueuePort, requests);
        await using var blobProxy = new CountingProxy("blob", azurite.BlobPort, requests);
        // The host's storage requests go through the counting relays only when asked: they cost the host a hop.
        var hostStorage = countRequests
            ? azurite.ConnectionString
                .Replace($":{azurite.TablePort}/", $":{tableProxy.Port}/", StringComparison.Ordinal)
                .Replace($":{azurite.QueuePort}/", $":{queueProxy.Port}/", StringComparison.Ordinal)
                .Replace($":{azurite.BlobPort}/", $":{blobProxy.Port}/", StringComparison.Ordinal)
            : azurite.ConnectionString;
        // Measured on an emulator of its own (same Azurite, fresh and idle), which it leaves with tens of thousands of
        // rows and messages: in the host's emulator those would slow every queue operation (Azurite keeps all queues'
        // messages in one collection), or, deleted, make its queue garbage collector block it for minutes.
        StartStorageCeiling.Rates ceiling;
        await using (var ceilingAzurite = await AzuriteServer.StartAsync())
        {
            ceiling = await StartStorageCeiling.MeasureAsync(ceilingAzurite.ConnectionString, TimeSpan.FromSeconds(seconds), Connections);
        }
        var port = FreePort.Next();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var scratch = TestRun.NewTempDirectory("startbench");
        await using var host = await ServerProcess.StartAsync(
            "courier-host", "dotnet", [HostDll()],
            async ct => (await http.GetAsync("/healthz", ct)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(90), scratch,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["AzureWebJobsStorage"] = hostStorage,
                ["Courier__BootstrapAdminKey"] = Key,
                ["Courier__RateLimit__PermitLimit"] = "100000000",
                ["Courier__Secrets__ActiveKeyId"] = "b1",
                ["Courier__Secrets__Keys__b1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["Logging__LogLevel__Default"] = "Warning",
                ["extensions__durableTask__EnableWorker"] = frontEnd ? "false" : "true",
            });
        http.DefaultRequestHeaders.Add("x-functions-key", Key);
        var creating = System.Diagnostics.Stopwatch.StartNew();
        var ids = await CreateTasksAsync(http, scratch, taskCount, concurrentRuns: true);
        var created = creating.Elapsed;
        var overlapIds = await CreateTasksAsync(http, scratch, OverlapTasks, concurrentRuns: false);

        var script = Path.Combine(scratch, "start.lua");
        await File.WriteAllTextAsync(script, Script(ids));
        var overlapScript = Path.Combine(scratch, "overlap.lua");
        await File.WriteAllTextAsync(overlapScript, Script(overlapIds));
        var loadAverage = File.ReadAllText("/proc/loadavg").Trim();
        var health = await WrkAsync(seconds, null, $"http://127.0.0.1:{port}/healthz");
        // Unmeasured starts first: in a host a minute old, the start path is still being compiled (JIT and tiering
        // took about half the host's CPU in the measured seconds), which says nothing about a host serving starts.
        var warmUp = Math.Max(1, seconds / 4);
        await WrkAsync(warmUp, script, $"http://127.0.0.1:{port}");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var runsBefore = await CountRunsAsync(azurite.ConnectionString);
        var rowsBefore = await StorageRows.CountAsync(azurite.ConnectionString);
        var requestsBefore = new Dictionary<string, int>(requests);
        var (hostCpu, azuriteCpu) = (CpuTime(host.Pid), CpuTime(azurite.Process.Pid));
        var starts = await WrkAsync(seconds, script, $"http://127.0.0.1:{port}");
        // The audit writer gathers entries for a moment after the last answer.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var (hostCpuStarts, azuriteCpuStarts) = (CpuTime(host.Pid) - hostCpu, CpuTime(azurite.Process.Pid) - azuriteCpu);
        var requestsDuring = requests.ToDictionary(r => r.Key, r => r.Value - requestsBefore.GetValueOrDefault(r.Key));
        var rowsAfter = await StorageRows.CountAsync(azurite.ConnectionString);
        var runs = await CountRunsAsync(azurite.ConnectionString) - runsBefore;
        var requestsBeforeOverlap = new Dictionary<string, int>(requests);
        (hostCpu, azuriteCpu) = (CpuTime(host.Pid), CpuTime(azurite.Process.Pid));
        var overlap = await WrkAsync(seconds, overlapScript, $"http://127.0.0.1:{port}");
        var (hostCpuOverlap, azuriteCpuOverlap) = (CpuTime(host.Pid) - hostCpu, CpuTime(azurite.Process.Pid) - azuriteCpu);
        var requestsDuringOverlap = requests.ToDictionary(r => r.Key, r => r.Value - requestsBeforeOverlap.GetValueOrDefault(r.Key));
        var overlapRuns = await CountRunsAsync(azurite.ConnectionString) - runs - runsBefore;

        Console.WriteLine($"wrk -t2 -c{Connections} -d{seconds}s on loopback (starts after {warmUp} s of unmeasured starts); {taskCount} enabled tasks allowing concurrent runs (every request a real start), each request the next task in turn; load average at start: {loadAverage}");
        Console.WriteLine(frontEnd
            ? "host: front end (durable workers off, as a scaled-out API instance runs); runs wait in the control queues"
            : "host: all in one (durable workers on): every started run executes on the same 2 cores and Azurite meanwhile");
        Console.WriteLine($"{"route",-60} {"requests/s",12} {"p50 ms",8} {"p99 ms",8} {"errors",8}");
        Print("GET /healthz (3 storage listings)", health);
        Print("POST /v4/reloadtask/{id}/start (Courier), every one starts", starts);
        Print($"  overlap: {OverlapTasks} tasks without concurrent runs", overlap);
        Console.WriteLine($"Azurite alone at the same concurrency (SDK, no host), operations/s:");
        Console.WriteLine($"{"  one start alone: " + StartStorageCeiling.RequestsPerStart + " storage requests",-60} {ceiling.Starts,12:F0}");
        Console.WriteLine($"{"  queue send",-60} {ceiling.QueueSends,12:F0}");
        Console.WriteLine($"{"  table insert",-60} {ceiling.TableInserts,12:F0}");
        Console.WriteLine($"runs recorded: {runs:N0} of {starts.Requests:N0} start requests answered; overlap: {overlapRuns:N0} runs of {overlap.Requests:N0} requests (the rest answered alreadyRunning)");
        // CPU time moves much less than rates with the neighbours' load on a shared machine.
        Console.WriteLine($"CPU ms per recorded run during the starts: host {hostCpuStarts.TotalMilliseconds / Math.Max(1, runs):F2}, Azurite {azuriteCpuStarts.TotalMilliseconds / Math.Max(1, runs):F2}; per overlap request: host {hostCpuOverlap.TotalMilliseconds / Math.Max(1, overlap.Requests):F2}, Azurite {azuriteCpuOverlap.TotalMilliseconds / Math.Max(1, overlap.Requests):F2}");
        Console.WriteLine($"storage rows added per recorded run during the starts (tables, and queue messages):");
        foreach (var (name, after) in rowsAfter.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var added = after - rowsBefore.GetValueOrDefault(name);
            if (added != 0)
            {
                Console.WriteLine($"  {name,-58} {(double)added / Math.Max(1, runs),12:F3}");
            }
        }
        if (countRequests)
        {
            PrintRequests("storage requests per recorded run during the starts", requestsDuring, runs);
            PrintRequests("storage requests per overlap request", requestsDuringOverlap, overlap.Requests);
        }
        Console.WriteLine("goal: ≥ 500 starts/s, p99 < 200 ms");
        Console.WriteLine($"setup: {taskCount:N0} tasks created through POST /api/tasks (8 at a time) in {created.TotalSeconds:F1} s = {taskCount / created.TotalSeconds:F0} tasks/s");
        Directory.Delete(scratch, recursive: true);
    }

    private static TimeSpan CpuTime(int pid)
    {
        using var process = System.Diagnostics.Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }

    private static void PrintRequests(string title, Dictionary<string, int> requests, int per)
    {
        Console.WriteLine($"{title}: {(double)requests.Values.Sum() / Math.Max(1, per):F3}");
        foreach (var (kind, count) in requests.Where(r => r.Value > 0).OrderByDescending(r => r.Value).Take(12))
        {
            Console.WriteLine($"  {kind,-58} {(double)count / Math.Max(1, per),12:F3}");
        }
    }

    private static void Print(string route, WrkResult r) =>
        Console.WriteLine($"{route,-60} {r.RequestsPerSecond,12:F0} {r.P50,8:F1} {r.P99,8:F1} {r.Errors,8}");

    private static async Task<List<Guid>> CreateTasksAsync(HttpClient http, string scratch, int count, bool concurrentRuns)
    {
        var kind = concurrentRuns ? "concurrent" : "one at a time";
        var project = await CreateAsync(http, "/api/projects", new { name = $"Bench {kind}", owner = "bench" });
        var database = await CreateAsync(http, "/api/connections", new { name = $"bench sqlite {kind}", kind = "sqlite", settings = new { database = Path.Combine(scratch, "bench.db") } });
        // Created a few at a time: thousands of tasks one by one would take longer than the measurement.
        var ids = new Guid[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            ids[i] = await CreateAsync(http, "/api/tasks", new
            {
                name = $"bench {kind} {i:D4}",
                projectId = project,
                owner = "bench",
                enabled = true,
                allowConcurrentRuns = concurrentRuns,
                reports = new[]
                {
                    new { name = "one", source = new { kind = "sql", connectionId = database, query = new { text = "select 1 as n" } }, output = new { fileNameTemplate = "one.csv" } },
                },
            });
        });
        return [.. ids];
    }

    private static async Task<Guid> CreateAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        }
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private static string Script(List<Guid> ids)
    {
        var list = string.Join(",", ids.Select(id => $"\"{id}\""));
        return $$"""
            local ids = { {{list}} }
            local threads = 0
            setup = function(thread)
              thread:set("first", threads)
              threads = threads + 1
            end
            local sent = 0
            request = function()
              -- Each thread walks its own share of the tasks, so a start finds its task free until the list wraps.
              local id = ids[((first or 0) + 2 * sent) % #ids + 1]
              sent = sent + 1
              return wrk.format("POST", "/v4/reloadtask/" .. id .. "/start", { ["x-functions-key"] = "{{Key}}", ["Content-Type"] = "application/json" }, "{}")
            end
            """;
    }

    private static async Task<WrkResult> WrkAsync(int seconds, string? script, string url)
    {
        var arguments = new List<string> { "-t2", $"-c{Connections}", $"-d{seconds}s", "--latency", "-H", $"x-functions-key: {Key}" };
        if (script is not null)
        {
            arguments.AddRange(["-s", script]);
        }
        arguments.Add(url);
        var output = await Tool.RunAsync("wrk", "wrk", arguments, timeout: TimeSpan.FromSeconds(seconds + 60));
        var errors = 0;
        foreach (Match m in ErrorCounts().Matches(output))
        {
            errors += int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        return new WrkResult(
            double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Millis(Percentile(output, "50")),
            Millis(Percentile(output, "99")),
            int.Parse(TotalRequests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            errors + (NonSuccess().Match(output) is { Success: true } n ? int.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0));
    }

    private static string Percentile(string output, string p) =>
        Regex.Match(output, $@"^\s*{p}(?:\.000)?%\s+(\S+)", RegexOptions.Multiline).Groups[1].Value;

    private static double Millis(string value) => value switch
    {
        _ when value.EndsWith("us", StringComparison.Ordinal) => double.Parse(value[..^2], CultureInfo.InvariantCulture) / 1000,
        _ when value.EndsWith("ms", StringComparison.Ordinal) => double.Parse(value[..^2], CultureInfo.InvariantCulture),
        _ when value.EndsWith('s') => double.Parse(value[..^1], CultureInfo.InvariantCulture) * 1000,
        _ => double.NaN,
    };

    private static async Task<int> CountRunsAsync(string storage)
    {
        var table = new TableServiceClient(storage).GetTableClient("runs");
        var count = 0;
        try
        {
            // Claims share the table; run records are the "r." key range.
            await foreach (var _ in table.QueryAsync<TableEntity>("RowKey ge 'r.' and RowKey lt 'r/'", select: ["PartitionKey"]))
            {
                count++;
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // No start got as far as a run record.
        }
        return count;
    }

    private static string HostDll()
    {
        var dll = Path.Combine(RepoPaths.Root, "src", "Functions", "bin", "Release", "net10.0", "Courier.Functions.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build with 'dotnet build -c Release bench/Runs.Bench'.");
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex TotalRequests();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex ErrorCounts();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    private sealed record WrkResult(double RequestsPerSecond, double P50, double P99, int Requests, int Errors);
}
