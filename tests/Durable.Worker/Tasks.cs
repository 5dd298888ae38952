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
        .AddOrchestrator<ParentOfChildren>()
        .AddOrchestrator<Echo>()
        .AddOrchestrator<Fails>()
        .AddOrchestrator<Gauntlet>()
        .AddOrchestrator<Looper>()
        .AddOrchestrator<LongTimer>()
        .AddOrchestrator<RetriesThenFails>()
        .AddOrchestrator<WaitsForApproval>()
        .AddActivity<EchoActivity>()
        .AddActivity<AlwaysFails>()
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

/// <summary>Three sub-orchestrations (one with an explicit id containing ':' and '/'), results joined.</summary>
public sealed class ParentOfChildren : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var named = context.CallSubOrchestratorAsync<string>(nameof(HelloSequence), "a", new SubOrchestrationOptions($"{context.InstanceId}:child/a"));
        var generated = context.CallSubOrchestratorAsync<string>(nameof(HelloSequence), "b");
        var failing = context.CallSubOrchestratorAsync<string>(nameof(Fails), "child", new SubOrchestrationOptions($"{context.InstanceId}:failing"));
        var results = await Task.WhenAll(named, generated);
        var failures = new List<string>();
        foreach (var call in new[] { failing, context.CallSubOrchestratorAsync<string>("NotRegistered", null) })
        {
            try
            {
                await call;
                failures.Add("no failure");
            }
            catch (TaskFailedException e)
            {
                failures.Add(e.FailureDetails.ErrorType);
            }
        }
        return $"{results[0]}|{results[1]}|{string.Join('|', failures)}";
    }
}

/// <summary>Fails at once with an unhandled exception.</summary>
public sealed class Fails : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        throw new InvalidOperationException($"{input} failed");
}

/// <summary>Passes its input through an activity and returns what came back (large-payload round trip).</summary>
public sealed class Echo : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var echoed = await context.CallActivityAsync<string>(nameof(EchoActivity), input);
        context.SetCustomStatus(new { length = echoed.Length });
        return echoed + "!";
    }
}

public sealed class EchoActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input.ToUpperInvariant());
}

/// <summary>An activity, a short timer, then two external events: the target of duplicate-delivery tests.</summary>
public sealed class Gauntlet : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var hello = await context.CallActivityAsync<string>(nameof(SayHello), input);
        await context.CreateTimer(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        context.SetCustomStatus("waiting");
        var first = await context.WaitForExternalEvent<string>("go");
        var second = await context.WaitForExternalEvent<string>("go");
        return $"{hello}|{first}|{second}";
    }
}

/// <summary>Counts to 3 with ContinueAsNew, one activity per execution.</summary>
public sealed class Looper : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        if (input >= 3)
        {
            return input;
        }
        await context.CallActivityAsync<int>(nameof(NoOp), input);
        context.ContinueAsNew(input + 1);
        return input;
    }
}

/// <summary>Waits on a durable timer of <c>input</c> days.</summary>
public sealed class LongTimer : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        var fireAt = context.CurrentUtcDateTime.AddDays(input);
        await context.CreateTimer(fireAt, CancellationToken.None);
        return context.CurrentUtcDateTime >= fireAt ? "fired on time" : "fired early";
    }
}

/// <summary>Calls an always-failing activity with retry policy 3 attempts, 1 s, ×2, max 5 s.</summary>
public sealed class RetriesThenFails : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(5));
        await context.CallActivityAsync<string>(nameof(AlwaysFails), input, TaskOptions.FromRetryPolicy(policy));
        return "unexpected";
    }
}

public sealed class AlwaysFails : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) =>
        throw new InvalidOperationException($"always fails: {input}", new TimeoutException("inner cause"));
}

/// <summary>Waits for an "approval" event for up to an hour; reports what happened.</summary>
public sealed class WaitsForApproval : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        context.SetCustomStatus(new { stage = "waiting" });
        try
        {
            return await context.WaitForExternalEvent<string>("approval", TimeSpan.FromHours(1));
        }
        catch (TaskCanceledException)
        {
            return "timed out";
        }
    }
}
