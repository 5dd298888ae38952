using Courier.Domain.Runs;
using Courier.Functions.Runs;

namespace Courier.Functions.Activities;

/// <summary>Opens the run log writer of a step activity, named after the step so the log reads as a story.</summary>
internal static class RunLogs
{
    public static RunLogWriter Open(this RunLogStore store, RunTaskInput run, string step) =>
        store.OpenWriter(run.TaskId, run.RunId, step);
}
