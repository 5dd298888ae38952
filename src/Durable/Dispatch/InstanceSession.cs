using Azure;
using Azure.Data.Tables;
using Courier.Durable.Execution;
using Courier.Durable.Storage;

namespace Courier.Durable.Dispatch;

/// <summary>
/// What this process remembers about an instance between episodes. Reusing it is safe because every
/// commit is conditional on the sentinel ETag: a stale session fails its commit and is reloaded.
/// </summary>
internal sealed class InstanceSession(InstanceHistory history)
{
    public InstanceHistory History { get; set; } = history;

    /// <summary>Held by the episode using the session, and by whoever settles it when it leaves the process.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The orchestrator as the last committed episode left it, when it is still running (see <see cref="LiveOrchestration"/>).</summary>
    public LiveOrchestration? Live { get; set; }

    public ETag? RowETag { get; set; }

    /// <summary>
    /// True while <see cref="History"/> is empty because the Instances row proved nothing was committed,
    /// not because it was read (see <see cref="SessionOpener"/>); cleared by the first commit.
    /// </summary>
    public bool HistoryAssumedEmpty { get; set; }

    /// <summary>The Instances row read when the session was opened; for its first episode only (see <see cref="TakeOpeningRow"/>).</summary>
    public TableEntity? OpeningRow { get; set; }

    /// <summary>The row read at opening, once: a later episode must read it afresh.</summary>
    public TableEntity? TakeOpeningRow()
    {
        var row = OpeningRow;
        OpeningRow = null;
        return row;
    }

    /// <summary>True once this process knows the Instances row reflects the history.</summary>
    public bool RowSynced { get; set; }

    public OrchestrationRuntimeStatus? WrittenStatus { get; set; }

    public string? WrittenCustomStatus { get; set; }
}
