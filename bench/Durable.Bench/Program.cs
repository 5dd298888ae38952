using System.Diagnostics;
using System.Globalization;
using Courier.Durable;
using Courier.Durable.Bench;
using Courier.Durable.Client;
using Courier.Durable.Hosting;
using Courier.Durable.Storage;
using Courier.Durable.Worker;
using Courier.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Durable runtime throughput against in-memory Azurite, beside Azurite's own limits, in one run.
// Usage: dotnet run --project bench/Durable.Bench -c Release [-- --quick] [--breakdown] [--one-worker] [--two-workers]
//        [--only fan-out|sequential|five-step|batch-start]   (one scenario, e.g. to profile it; the raw limits are skipped)
//        [--trace]   (timestamped episode log of the measuring process, to see where the time goes)
var quick = args.Contains("--quick");
var breakdown = args.Contains("--breakdown");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
var trace = args.Contains("--trace");
// The engine as it ships (host.json and DurableStorageOptions' defaults), not the tests' short crash-recovery
// timeouts. In particular the 30 s lease: Azurite's queue garbage collector, every 60 s, deletes the extent
// of each message deleted since its last sweep one at a time, re-sorting its index for each, and blocks the
// emulator's event loop for 15-45 s at these message rates; a 10 s lease let that stall move partitions.
Environment.SetEnvironmentVariable("COURIER_DURABLE_PARTITIONS", "4");
Environment.SetEnvironmentVariable("COURIER_DURABLE_CONTROL_VISIBILITY_S", "120");
Environment.SetEnvironmentVariable("COURIER_DURABLE_WORK_VISIBILITY_S", "300");
Environment.SetEnvironmentVariable("COURIER_DURABLE_POISON_AFTER", "5");
Environment.SetEnvironmentVariable("COURIER_DURABLE_LEASE_S", "30");
Environment.SetEnvironmentVariable("COURIER_DURABLE_LEASE_RENEW_MS", "10000");
Environment.SetEnvironmentVariable("COURIER_DURABLE_MAX_POLL_MS", "1000");
await using var azurite = await AzuriteServer.StartAsync();
var cs = azurite.ConnectionString;
const int Concurrency = 16;

var azuriteCpu = new CpuMeter(azurite.Process.Pid);
if (only is null)
{
    var raw = await RawAzurite.MeasureAsync(cs, Concurrency);
    Console.WriteLine($"Azurite raw limits at {Concurrency} concurrent callers (reference):");
    Console.WriteLine(Invariant($"  queue send {raw.Send,8:0}/s   receive-32 {raw.Receive,8:0}/s   delete {raw.Delete,8:0}/s   table transaction commit {raw.Commit,8:0}/s"));
    Console.WriteLine();
}
Console.WriteLine("Courier.Durable on the same Azurite (engine requests of the measuring process only; its client's start and wait requests apart;");
Console.WriteLine("CPU seconds of this process / the second worker / Azurite during the scenario, as the machine is shared):");

var fanOut = quick ? 200 : 1000;
var sequential = quick ? 20 : 100;
var orchestrations = quick ? 100 : 1000;
var batchStarts = quick ? 320 : 3200;
const int StartBatchSize = 32;
int[] workerCounts = args.Contains("--one-worker") ? [1] : args.Contains("--two-workers") ? [2] : [1, 2];
foreach (var workers in workerCounts)
{
    if (only is null or "fan-out")
    {
        var f = await RunAsync(cs, workers, breakdown, trace, azuriteCpu, async client =>
        {
            StorageRequestCounter.MarkFlowAsClient();
            var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutFanIn), fanOut);
            await client.WaitForInstanceCompletionAsync(id);
            return fanOut;
        });
        Console.WriteLine(Invariant($"[{workers} worker(s)] fan-out {fanOut} activities      {f.Rate,8:0} activities/s   {f.RequestsPerActivity,5:0.0} req/activity (+{f.ClientRequestsPerActivity:0.0} client)   (goal ≥ 250/s, ≤ 5 req)   {f.Cpu}"));
    }
    if (only is null or "sequential")
    {
        var s = await RunAsync(cs, workers, breakdown, trace, azuriteCpu, async client =>
        {
            StorageRequestCounter.MarkFlowAsClient();
            var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(Sequential), sequential);
            await client.WaitForInstanceCompletionAsync(id);
            return sequential;
        });
        Console.WriteLine(Invariant($"[{workers} worker(s)] {sequential} sequential activities   {s.Rate,8:0} activities/s   {s.RequestsPerActivity,5:0.0} req/activity (+{s.ClientRequestsPerActivity:0.0} client)   (goal ≥ 25/s)   {s.Cpu}"));
    }
    if (only is null or "five-step")
    {
        var o = await RunAsync(cs, workers, breakdown, trace, azuriteCpu, async client =>
        {
            StorageRequestCounter.MarkFlowAsClient();
            var ids = new List<string>();
            foreach (var chunk in Enumerable.Range(0, orchestrations).Chunk(50))
            {
                ids.AddRange(await Task.WhenAll(chunk.Select(_ => client.ScheduleNewOrchestrationInstanceAsync(nameof(Sequential), 5))));
            }
            foreach (var id in ids)
            {
                await client.WaitForInstanceCompletionAsync(id);
            }
            return orchestrations * 5;
        });
        Console.WriteLine(Invariant($"[{workers} worker(s)] {orchestrations} × 5-step orchestrations {o.Rate / 5,8:0.0} orchestrations/s   {o.Rate * 11 / 5,8:0} work items/s (5 activities + 6 episodes each)   {o.RequestsPerActivity,5:0.0} req/activity (+{o.ClientRequestsPerActivity:0.0} client)   (goal ≥ 250 work items/s)   {o.Cpu}"));
    }
}

// Batched starts come after the scenarios: the thousands of instances they leave in this Azurite
// would otherwise weigh on the scenarios measured after them.
foreach (var workers in workerCounts)
{
    if (only is null or "batch-start")
    {
        var startRequests = 0L;
        var startSeconds = 0.0;
        var b = await RunAsync(cs, workers, breakdown, trace, azuriteCpu, async client =>
        {
            StorageRequestCounter.MarkFlowAsClient();
            var before = StorageRequestCounter.ClientCount;
            var watch = Stopwatch.StartNew();
            var ids = new List<string>();
            foreach (var batch in Enumerable.Range(0, batchStarts).Chunk(StartBatchSize))
            {
                var results = await client.TryScheduleNewOrchestrationInstancesAsync([.. batch.Select(_ => new NewOrchestration(nameof(Sequential), 1))]);
                ids.AddRange(results.Select(r => r.InstanceId));
            }
            startSeconds = watch.Elapsed.TotalSeconds;
            startRequests = StorageRequestCounter.ClientCount - before;
            foreach (var id in ids)
            {
                await client.WaitForInstanceCompletionAsync(id);
            }
            return batchStarts;
        });
        Console.WriteLine(Invariant($"[{workers} worker(s)] {batchStarts} starts in batches of {StartBatchSize}   {batchStarts / startSeconds,8:0} starts/s (one caller)   {startRequests / (double)batchStarts,5:0.00} client req/start   {b.Rate,8:0} one-step orchestrations/s   {b.RequestsPerActivity,5:0.0} engine req/orchestration   {b.Cpu}"));
    }
}
return 0;

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

static async Task<(double Rate, double RequestsPerActivity, double ClientRequestsPerActivity, string Cpu)> RunAsync(
    string cs, int workers, bool breakdown, bool trace, CpuMeter azuriteCpu, Func<DurableTaskClient, Task<int>> scenario)
{
    var hub = UniqueName.For("bench");
    var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    if (breakdown && !trace)
    {
        builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").AddFilter("Courier.Durable.Partitions", LogLevel.Information);
    }
    if (trace)
    {
        builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").AddFilter("Courier.Durable", LogLevel.Debug);
    }
    builder.Services.AddSingleton(new EffectLog(cs, hub));
    builder.Services.AddDurable(b => b.AddTestTasks(), o =>
    {
        WorkerSettings.Apply(o, cs, hub);
        o.MaxConcurrentActivityFunctions = 32;
        o.MaxConcurrentOrchestratorFunctions = 16;
    });
    using var host = builder.Build();
    await host.StartAsync();
    ServerProcess? second = null;
    var secondCounts = Path.Combine(Path.GetTempPath(), $"{hub}-second-worker-counts.txt");
    if (workers == 2)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Courier.Durable.Worker.dll");
        second = await ServerProcess.StartAsync("bench-worker", "dotnet", [dll, cs, hub], _ => Task.FromResult(true), TimeSpan.FromSeconds(30),
            environment: new Dictionary<string, string> { ["COURIER_DURABLE_COUNTS_FILE"] = secondCounts });
    }
    try
    {
        var balancedAfter = await LeaseBalance.WaitAsync(cs, hub, workers, TimeSpan.FromSeconds(60));
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        // Not measured: the workers take their partition leases and warm up (JIT) on a one-step run.
        await client.WaitForInstanceCompletionAsync(await client.ScheduleNewOrchestrationInstanceAsync(nameof(Sequential), 1));
        var sweep = await QueueSweep.WaitAsync(cs);
        var before = StorageRequestCounter.Count;
        var clientBefore = StorageRequestCounter.ClientCount;
        var kindsBefore = StorageRequestCounter.Snapshot();
        var secondBefore = RequestCountsFile.Read(secondCounts);
        var ownCpu = new CpuMeter(Environment.ProcessId);
        var secondCpu = second is null ? null : new CpuMeter(second.Pid);
        var azuriteBefore = azuriteCpu.Seconds;
        var moves = new LeaseMoves(cs, hub);
        var watch = Stopwatch.StartNew();
        var activities = await scenario(client);
        var elapsed = watch.Elapsed.TotalSeconds;
        await moves.DisposeAsync();
        var cpu = Invariant($"CPU s: {ownCpu.Seconds:0.0} / {secondCpu?.Seconds ?? 0:0.0} / {azuriteCpu.Seconds - azuriteBefore:0.0} in {elapsed:0.0} s (leases balanced after {balancedAfter.TotalSeconds:0.0} s; lease moves during the run {moves.Summary}; before it, waited {sweep.Waited.TotalSeconds:0} s for Azurite's queue GC sweep, seen blocking {sweep.Blocked.TotalSeconds:0.0} s)");
        if (breakdown)
        {
            var kinds = StorageRequestCounter.Snapshot()
                .Select(k => (k.Key, PerActivity: (k.Value - kindsBefore.GetValueOrDefault(k.Key)) / (double)activities))
                .Where(k => k.PerActivity > 0)
                .OrderByDescending(k => k.PerActivity);
            Console.WriteLine("    per activity: " + string.Join(", ", kinds.Where(k => !char.IsDigit(k.Key[^1])).Select(k => Invariant($"{k.Key} {k.PerActivity:0.00}"))));
            Console.WriteLine("    failed requests: " + string.Join(", ", kinds.Where(k => char.IsDigit(k.Key[^1])).Select(k => Invariant($"{k.Key} ×{k.PerActivity * activities:0}"))));
            if (second is not null)
            {
                await Task.Delay(700);
                var secondAfter = RequestCountsFile.Read(secondCounts);
                var secondKinds = secondAfter
                    .Select(k => (k.Key, Count: k.Value - secondBefore.GetValueOrDefault(k.Key)))
                    .Where(k => k.Count > 0)
                    .OrderByDescending(k => k.Count)
                    .ToList();
                Console.WriteLine(Invariant($"    second worker: {secondKinds.Where(k => !char.IsDigit(k.Key[^1])).Sum(k => k.Count) / (double)activities:0.0} req/activity: ")
                    + string.Join(", ", secondKinds.Where(k => !char.IsDigit(k.Key[^1])).Select(k => Invariant($"{k.Key} {k.Count / (double)activities:0.00}"))));
                Console.WriteLine("    second worker failed requests: " + string.Join(", ", secondKinds.Where(k => char.IsDigit(k.Key[^1])).Select(k => Invariant($"{k.Key} ×{k.Count}"))));
            }
            Console.WriteLine("    lease moves: " + string.Join("; ", moves.Log));
            if (second is not null)
            {
                Console.WriteLine("    second worker said: " + second.RecentOutput.Replace('\n', ' '));
            }
        }
        // Requests of this process only; with two workers the other process's share is not counted.
        return (activities / elapsed, (StorageRequestCounter.Count - before) / (double)activities, (StorageRequestCounter.ClientCount - clientBefore) / (double)activities, cpu);
    }
    finally
    {
        if (second is not null)
        {
            await second.DisposeAsync();
            File.Delete(secondCounts);
        }
        await host.StopAsync();
    }
}
