using System.Text.Json;
using Courier.Durable.Execution;
using Courier.Durable.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Courier.Durable.Tests.Execution;

/// <summary>
/// A worker keeps a running orchestrator between episodes and applies only the new events: that must
/// give exactly what replaying the whole history gives, or an instance would behave differently
/// depending on which worker (and which cache state) ran its episode.
/// </summary>
public sealed class LiveOrchestrationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Resuming_episode_by_episode_produces_the_same_events_as_replaying_the_whole_history()
    {
        var replayed = new ExecutorHarness(() => new Mixed());
        var live = new LiveHarness(() => new Mixed());
        List<(TimeSpan After, HistoryEvent[] Events)> episodes =
        [
            (TimeSpan.Zero, [Start()]),
            (TimeSpan.FromSeconds(1), [ExecutorHarness.Completed(1, 10L), ExecutorHarness.Raised("go", "early")]),
            (TimeSpan.FromSeconds(2), [ExecutorHarness.Completed(0, 5L)]),
            (TimeSpan.FromSeconds(3), [ExecutorHarness.Completed(2, 20L)]),
            (TimeSpan.FromMinutes(5), [ExecutorHarness.TimerFired(3)]),
            (TimeSpan.FromMinutes(6), [ExecutorHarness.Completed(4, 1L)]),
        ];

        ExecutionResult? last = null;
        foreach (var (after, events) in episodes)
        {
            replayed.Now = T0 + after;
            var expected = replayed.Run(events);
            var actual = live.Run(T0 + after, events);
            Assert.Equal(Json(expected), Json(actual));
            last = actual;
        }

        Assert.Equal(OrchestrationRuntimeStatus.Completed, last!.Status);
        Assert.Equal(replayed.History.Select(Json), live.History.Select(Json));
        Assert.Equal(1, live.Executions);
    }

    [Fact]
    public void A_resumed_orchestrator_runs_each_step_once_and_never_as_replaying()
    {
        var observations = new List<bool>();
        var live = new LiveHarness(() => new Steps(observations));
        live.Run(T0, Start());
        live.Run(T0, ExecutorHarness.Completed(0, "a"));
        var result = live.Run(T0, ExecutorHarness.Completed(1, "b"));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.Status);
        Assert.Equal([false, false, false], observations);
        Assert.Equal(1, live.Executions);
    }

    [Fact]
    public void An_orchestrator_whose_result_was_not_committed_or_is_behind_the_history_cannot_resume()
    {
        var result = OrchestrationExecutor.Execute(new Steps([]), "i", [], [Started(T0), Start()], NullLoggerFactory.Instance, out var live);
        Assert.NotNull(live);
        var count = result.NewEvents.Count;

        Assert.False(live.CanResume(count));
        live.Committed();
        Assert.True(live.CanResume(count));
        Assert.False(live.CanResume(count + 1));
    }

    [Fact]
    public void A_finished_orchestrator_is_not_kept()
    {
        var first = OrchestrationExecutor.Execute(new Steps([]), "i", [], [Started(T0), Start()], NullLoggerFactory.Instance, out var live);
        live!.Committed();
        var second = OrchestrationExecutor.Resume(live, [Started(T0), ExecutorHarness.Completed(0, "a")]);
        live.Committed();
        var done = OrchestrationExecutor.Resume(live, [Started(T0), ExecutorHarness.Completed(1, "b")]);
        live.Committed();

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.Status);
        Assert.False(live.CanResume(first.NewEvents.Count + second.NewEvents.Count + done.NewEvents.Count));

        var failure = new TaskFailureDetails { ErrorType = "X", ErrorMessage = "x" };
        var failed = OrchestrationExecutor.Execute(new Steps([]), "i", [], [Started(T0), Start(), ExecutorHarness.Failed(0, failure)], NullLoggerFactory.Instance, out var none);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.Status);
        Assert.Null(none);
    }

    private static HistoryEvent Started(DateTimeOffset at) => new() { Type = EventType.OrchestratorStarted, Timestamp = at };

    private static HistoryEvent Start() =>
        new() { Type = EventType.ExecutionStarted, Name = "Test", Data = "3", ExecutionId = "exec-1", Timestamp = T0 };

    private static string Json(object value) => JsonSerializer.Serialize(value, DurableJson.Options);

    /// <summary>Drives the executor as a worker with a warm session does: one replay, then resumes.</summary>
    private sealed class LiveHarness(Func<ITaskOrchestrator> create)
    {
        private LiveOrchestration? _live;

        public List<HistoryEvent> History { get; } = [];

        public int Executions { get; private set; }

        public ExecutionResult Run(DateTimeOffset now, params HistoryEvent[] newEvents)
        {
            List<HistoryEvent> events = [Started(now), .. newEvents];
            ExecutionResult result;
            if (_live is not null && _live.CanResume(History.Count))
            {
                result = OrchestrationExecutor.Resume(_live, events);
            }
            else
            {
                Executions++;
                result = OrchestrationExecutor.Execute(create(), "instance-1", History, events, NullLoggerFactory.Instance, out _live);
            }
            History.AddRange(result.NewEvents);
            _live?.Committed();
            return result;
        }
    }

    /// <summary>Fan-out, an early external event, a timer, guids and times: the replay-sensitive parts at once.</summary>
    private sealed class Mixed : TaskOrchestrator<int, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
        {
            var parts = Enumerable.Range(0, input).Select(i => context.CallActivityAsync<long>("Part", i)).ToList();
            var sum = (await Task.WhenAll(parts)).Sum();
            var guid = context.NewGuid();
            context.SetCustomStatus(new { sum, guid });
            await context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(4), CancellationToken.None);
            var go = await context.WaitForExternalEvent<string>("go");
            var last = await context.CallActivityAsync<long>("Last", sum);
            return $"{sum}|{guid}|{go}|{last}|{context.CurrentUtcDateTime:o}|{context.NewGuid()}";
        }
    }

    private sealed class Steps(List<bool> replaying) : TaskOrchestrator<int, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
        {
            for (var step = 0; step < 3; step++)
            {
                replaying.Add(context.IsReplaying);
                if (step < 2)
                {
                    await context.CallActivityAsync<string>("Step", step);
                }
            }
            return "done";
        }
    }
}
