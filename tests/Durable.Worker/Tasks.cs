using Azure.Data.Tables;
using Courier.Durable.Hosting;

namespace Courier.Durable.Worker;

/// <summary>The orchestrators and activities the tests and the benchmark run, in-process or in this worker.</summary>
public static class Tasks
{
    public static DurableBuilder AddTestTasks(this DurableBuilder builder) => builder
        .AddOrchestrator<HelloSequence>()
        .AddOrchestrator<FanOutFanIn>()
        .AddOrchestrator<Sequential>()
        .AddOrchestrator<RecordOnce>()
        .AddOrchestrator<CallsPoison>()
        .AddActivity<SayHello>()
        .AddActivity<Twice>()
        .AddActivity<NoOp>()
        .AddActivity<RecordEffect>()
        .AddActivity<KillsProcess>();
}

/// <summary>Three activities in a row: the smallest end-to-end orchestration.</summary>
public sealed class HelloSequence : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var a = await context.CallActivityAsync<string>(nameof(SayHello), input + "-1");
        var b = await context.CallActivityAsync<string>(nameof(SayHello), input + "-2");
        var c = await context.CallActivityAsync<string>(nameof(SayHello), input + "-3");
        return $"{a},{b},{c}";
    }
}

/// <summary>Fans out <c>input</c> activities in parallel and sums their results.</summary>
public sealed class FanOutFanIn : TaskOrchestrator<int, long>
{
    public override async Task<long> RunAsync(TaskOrchestrationContext context, int input)
    {
        var tasks = Enumerable.Range(1, input).Select(i => context.CallActivityAsync<long>(nameof(Twice), i)).ToList();
        var results = await Task.WhenAll(tasks);
        return results.Sum();
    }
}

/// <summary>Runs <c>input</c> no-op activities one after another.</summary>
public sealed class Sequential : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        for (var i = 0; i < input; i++)
        {
            await context.CallActivityAsync<int>(nameof(NoOp), i);
        }
        return input;
    }
}

/// <summary>One side-effecting activity (records its idempotency key), then a second step.</summary>
public sealed class RecordOnce : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var key = await context.CallActivityAsync<string>(nameof(RecordEffect), input);
        var after = await context.CallActivityAsync<string>(nameof(SayHello), "after");
        return $"{key}|{after}";
    }
}

/// <summary>Calls an activity that kills its worker every time; reports the failure it receives.</summary>
public sealed class CallsPoison : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        try
        {
            await context.CallActivityAsync<string>(nameof(KillsProcess), input);
            return "unexpected success";
        }
        catch (TaskFailedException e)
        {
            return $"{e.FailureDetails.ErrorType}|{e.FailureDetails.IsNonRetriable}";
        }
    }
}

public sealed class SayHello : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello {input}");
}

public sealed class Twice : TaskActivity<int, long>
{
    public override Task<long> RunAsync(TaskActivityContext context, int input) => Task.FromResult(2L * input);
}

public sealed class NoOp : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
}

/// <summary>
/// Records every run (with its idempotency key) in the <c>{hub}Effects</c> table, then kills its
/// process when <c>COURIER_DURABLE_KILL_IN_ACTIVITY</c> is set: a crash in the middle of an activity.
/// </summary>
public sealed class RecordEffect(EffectLog effects) : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        await effects.RecordAsync(context.IdempotencyKey, context.CancellationToken);
        if (Environment.GetEnvironmentVariable("COURIER_DURABLE_KILL_IN_ACTIVITY") == "1")
        {
            CrashHooks.KillSelf();
        }
        return context.IdempotencyKey;
    }
}

/// <summary>Kills its worker process every time it runs: the poison activity.</summary>
public sealed class KillsProcess(EffectLog effects) : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        await effects.RecordAsync(context.IdempotencyKey, context.CancellationToken);
        CrashHooks.KillSelf();
        return "unreachable";
    }
}

/// <summary>A table of activity runs, so tests can count how often a side effect happened.</summary>
public sealed class EffectLog(string connectionString, string hubName)
{
    private readonly TableClient _table = new(connectionString, $"{hubName}Effects");

    public async Task RecordAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        await _table.AddEntityAsync(new TableEntity("runs", Guid.NewGuid().ToString("N")) { ["Key"] = idempotencyKey }, cancellationToken);
    }

    public async Task<List<string>> ReadKeysAsync(CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        var keys = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == "runs", cancellationToken: cancellationToken))
        {
            keys.Add(row.GetString("Key"));
        }
        return keys;
    }
}
