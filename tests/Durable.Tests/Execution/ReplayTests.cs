using Courier.Durable.Execution;
using Courier.Durable.Tests.Support;

namespace Courier.Durable.Tests.Execution;

public sealed class ReplayTests
{
    [Fact]
    public void CurrentUtcDateTime_and_NewGuid_are_identical_on_every_replay_and_IsReplaying_marks_old_events_only()
    {
        var observations = new List<Observation>();
        var harness = new ExecutorHarness(() => new Observer(observations));

        harness.Start("x");
        harness.Now += TimeSpan.FromMinutes(5);
        harness.Run(ExecutorHarness.Completed(0, "a"));
        harness.Now += TimeSpan.FromMinutes(5);
        var result = harness.Run(ExecutorHarness.Completed(1, "b"));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.Status);
        // Episode 1 saw step 0 live; episode 2 replayed step 0 and saw step 1 live; episode 3 replayed 0 and 1, saw 2 live.
        Assert.Equal([false, true, false, true, true, false], observations.Select(o => o.IsReplaying));
        var byStep = observations.GroupBy(o => o.Step).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (_, seen) in byStep)
        {
            Assert.Single(seen.Select(o => o.Time).Distinct());
            Assert.Single(seen.Select(o => o.Guid).Distinct());
        }
        Assert.Equal(3, observations.Select(o => o.Guid).Distinct().Count());
        Assert.Equal(harness.History[0].Timestamp.UtcDateTime, byStep[0][0].Time);
        Assert.Equal(new DateTime(2026, 1, 1, 8, 10, 0, DateTimeKind.Utc), byStep[2][0].Time);

        // A fresh replay of the finished history sees exactly the same values, all while replaying.
        observations.Clear();
        harness.Replay();
        Assert.All(observations, o => Assert.True(o.IsReplaying));
        Assert.Equal(byStep.Values.Select(v => v[0].Guid), observations.Select(o => o.Guid));
    }

    [Fact]
    public void A_changed_activity_order_fails_the_instance_as_non_deterministic()
    {
        var swap = false;
        var harness = new ExecutorHarness(() => new TwoSteps(() => swap));
        harness.Start(null);
        harness.Run(ExecutorHarness.Completed(0, "first"));

        swap = true;
        var result = harness.Run(ExecutorHarness.Completed(1, "second"));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Status);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.Failure!.ErrorType);
        Assert.Contains("'A'", result.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'B'", result.Failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scheduled_task_missing_on_replay_is_non_deterministic()
    {
        var skip = false;
        var harness = new ExecutorHarness(() => new TwoSteps(() => false, () => skip));
        harness.Start(null);
        skip = true;
        var result = harness.Run(ExecutorHarness.Completed(0, "first"));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Status);
        Assert.Contains("NonDeterministic", result.Failure!.ErrorType, StringComparison.Ordinal);
    }

    [Fact]
    public void Activity_failure_reaches_the_orchestrator_with_structured_details()
    {
        TaskFailedException? caught = null;
        var harness = new ExecutorHarness(() => new CatchesFailure(e => caught = e));
        harness.Start(null);
        var failure = TaskFailureDetails.FromException(new InvalidOperationException("outer", new IOException("disk on fire")));
        var result = harness.Run(ExecutorHarness.Failed(0, failure));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.Status);
        Assert.NotNull(caught);
        Assert.Equal("A", caught.TaskName);
        Assert.Equal(typeof(InvalidOperationException).FullName, caught.FailureDetails.ErrorType);
        Assert.Equal("outer", caught.FailureDetails.ErrorMessage);
        Assert.Equal(typeof(IOException).FullName, caught.FailureDetails.InnerFailure!.ErrorType);
        Assert.True(caught.FailureDetails.IsCausedBy<IOException>());
    }

    [Fact]
    public void An_unhandled_activity_failure_fails_the_instance_and_keeps_the_cause()
    {
        var harness = new ExecutorHarness(() => new TwoSteps(() => false));
        harness.Start(null);
        var result = harness.Run(ExecutorHarness.Failed(0, new TaskFailureDetails { ErrorType = "Boom", ErrorMessage = "it broke" }));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Status);
        Assert.Equal(typeof(TaskFailedException).FullName, result.Failure!.ErrorType);
        Assert.Equal("Boom", result.Failure.InnerFailure!.ErrorType);
        Assert.Equal(EventType.ExecutionCompleted, result.NewEvents[^1].Type);
    }

    private sealed record Observation(int Step, bool IsReplaying, DateTime Time, Guid Guid);

    private sealed class Observer(List<Observation> log) : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            for (var step = 0; step < 3; step++)
            {
                log.Add(new Observation(step, context.IsReplaying, context.CurrentUtcDateTime, context.NewGuid()));
                if (step < 2)
                {
                    await context.CallActivityAsync<string>("Step", step);
                }
            }
            return "done";
        }
    }

    private sealed class TwoSteps(Func<bool> swap, Func<bool>? skipFirst = null) : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
        {
            if (skipFirst?.Invoke() != true)
            {
                await context.CallActivityAsync<string>(swap() ? "B" : "A");
            }
            await context.CallActivityAsync<string>(swap() ? "A" : "B");
            return "ok";
        }
    }

    private sealed class CatchesFailure(Action<TaskFailedException> onFailure) : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
        {
            try
            {
                await context.CallActivityAsync<string>("A");
                return "no";
            }
            catch (TaskFailedException e)
            {
                onFailure(e);
                return "caught";
            }
        }
    }
}
