using Courier.Durable.Execution;
using Courier.Durable.Tests.Support;

namespace Courier.Durable.Tests.Execution;

public sealed class TimersEventsRetriesTests
{
    [Fact]
    public void Retry_policy_of_3_attempts_1s_x2_waits_1s_then_2s_on_durable_timers_then_fails()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(5));
        var harness = new ExecutorHarness(() => new Retrying(policy));
        var failure = new TaskFailureDetails { ErrorType = "Transient", ErrorMessage = "try again" };
        harness.Start(null);

        var t0 = harness.Now;
        harness.Run(ExecutorHarness.Failed(0, failure));
        var firstWait = Assert.Single(harness.Scheduled(EventType.TimerCreated));
        Assert.Equal(t0 + TimeSpan.FromSeconds(1), firstWait.FireAt);

        harness.Now += TimeSpan.FromSeconds(1);
        harness.Run(ExecutorHarness.TimerFired(firstWait.EventId));
        var second = harness.Scheduled(EventType.TaskScheduled).Last();
        harness.Run(ExecutorHarness.Failed(second.EventId, failure));
        var secondWait = harness.Scheduled(EventType.TimerCreated).Last();
        Assert.Equal(harness.Now + TimeSpan.FromSeconds(2), secondWait.FireAt);

        harness.Now += TimeSpan.FromSeconds(2);
        harness.Run(ExecutorHarness.TimerFired(secondWait.EventId));
        var third = harness.Scheduled(EventType.TaskScheduled).Last();
        var result = harness.Run(ExecutorHarness.Failed(third.EventId, failure));

        Assert.Equal(3, harness.Scheduled(EventType.TaskScheduled).Count());
        Assert.Equal(2, harness.Scheduled(EventType.TimerCreated).Count());
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Status);
        Assert.Equal("Transient", result.Failure!.InnerFailure!.ErrorType);
    }

    [Fact]
    public void Retry_delays_are_capped_by_the_maximum_interval()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(5));
        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(0, 5).Select(i => policy.GetDelay(i).TotalSeconds));
    }

    [Fact]
    public void A_non_retriable_failure_or_a_refusing_predicate_stops_retries_at_once()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1)) { HandleFailure = f => f.ErrorType != "Fatal" };
        var poison = new ExecutorHarness(() => new Retrying(policy));
        poison.Start(null);
        var result = poison.Run(ExecutorHarness.Failed(0, new TaskFailureDetails { ErrorType = "PoisonMessage", ErrorMessage = "x", IsNonRetriable = true }));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Status);
        Assert.Empty(poison.Scheduled(EventType.TimerCreated));

        var fatal = new ExecutorHarness(() => new Retrying(policy));
        fatal.Start(null);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, fatal.Run(ExecutorHarness.Failed(0, new TaskFailureDetails { ErrorType = "Fatal", ErrorMessage = "x" })).Status);
    }

    [Fact]
    public void An_event_raised_before_anyone_waits_is_buffered_and_delivered_later()
    {
        var harness = new ExecutorHarness(() => new WaitsAfterActivity());
        harness.Start(null);
        harness.Run(ExecutorHarness.Raised("Approval", "yes"));
        var result = harness.Run(ExecutorHarness.Completed(0, "done"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.Status);
        Assert.Equal("\"done:yes\"", result.Output);
    }

    [Fact]
    public void Waiting_with_a_timeout_ends_cancelled_when_the_timer_fires_first()
    {
        var harness = new ExecutorHarness(() => new WaitsWithTimeout());
        harness.Start(null);
        var timer = Assert.Single(harness.Scheduled(EventType.TimerCreated));
        Assert.Equal(harness.Now + TimeSpan.FromMinutes(10), timer.FireAt);
        harness.Now += TimeSpan.FromMinutes(10);
        var result = harness.Run(ExecutorHarness.TimerFired(timer.EventId));
        Assert.Equal("\"timed out\"", result.Output);
    }

    [Fact]
    public void An_event_that_wins_the_race_cancels_the_timeout_timer_and_a_late_firing_changes_nothing()
    {
        var harness = new ExecutorHarness(() => new WaitsWithTimeout());
        harness.Start(null);
        var timer = Assert.Single(harness.Scheduled(EventType.TimerCreated));
        var result = harness.Run(ExecutorHarness.Raised("go", 7));
        Assert.Equal("\"got 7\"", result.Output);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.Status);
        _ = timer;
    }

    [Fact]
    public void A_cancelled_timer_never_completes_its_task()
    {
        var harness = new ExecutorHarness(() => new CancelsTimer());
        var result = harness.Start(null);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.Status);
        Assert.Equal("\"cancelled\"", result.Output);
    }

    [Fact]
    public void ContinueAsNew_restarts_with_new_input_and_carries_unprocessed_events()
    {
        var harness = new ExecutorHarness(() => new Counter());
        harness.Start(0);
        var result = harness.Run(ExecutorHarness.Raised("tick", 1), ExecutorHarness.Raised("tick", 2));
        Assert.Equal(OrchestrationRuntimeStatus.ContinuedAsNew, result.Status);
        var next = result.ContinueAsNewStart!;
        Assert.Equal("1", next.Data);
        var carried = Assert.Single(next.CarriedEvents!);
        Assert.Equal("2", carried.Data);
        Assert.Equal(next.ExecutionId, result.NewEvents[^1].ExecutionId);
    }

    [Fact]
    public void Custom_status_is_part_of_the_result_and_limited_in_size()
    {
        var harness = new ExecutorHarness(() => new Reports());
        var result = harness.Start(100);
        Assert.Equal("{\"progress\":100}", result.CustomStatus);
        var tooBig = new ExecutorHarness(() => new Reports()).Start(20_000);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, tooBig.Status);
        Assert.Equal(typeof(ArgumentException).FullName, tooBig.Failure!.ErrorType);
    }

    private sealed class Retrying(RetryPolicy policy) : TaskOrchestrator<object?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) =>
            context.CallActivityAsync<string>("Flaky", null, TaskOptions.FromRetryPolicy(policy));
    }

    private sealed class WaitsAfterActivity : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
        {
            var done = await context.CallActivityAsync<string>("Work");
            var approval = await context.WaitForExternalEvent<string>("approval");
            return $"{done}:{approval}";
        }
    }

    private sealed class WaitsWithTimeout : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
        {
            try
            {
                var value = await context.WaitForExternalEvent<int>("go", TimeSpan.FromMinutes(10));
                return $"got {value}";
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        }
    }

    private sealed class CancelsTimer : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
        {
            using var cts = new CancellationTokenSource();
            var timer = context.CreateTimer(TimeSpan.FromDays(1), cts.Token);
#pragma warning disable CA1849 // orchestrators cancel synchronously: CancelAsync would leave the replay thread
            cts.Cancel();
#pragma warning restore CA1849
            try
            {
                await timer;
                return "fired";
            }
            catch (TaskCanceledException)
            {
                return "cancelled";
            }
        }
    }

    private sealed class Counter : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var tick = await context.WaitForExternalEvent<int>("tick");
            context.ContinueAsNew(input + tick);
            return input;
        }
    }

    private sealed class Reports : TaskOrchestrator<int, int>
    {
        public override Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            context.SetCustomStatus(input > 1000 ? new string('x', input) : new { progress = input });
            return Task.FromResult(input);
        }
    }
}
