using System.Buffers.Binary;

namespace Courier.Domain.Runs;

/// <summary>
/// Where run records and task claims live in table <c>runs</c>: a few shared partitions (shards) chosen by the
/// task id, so that the claims and records of many concurrent starts share one table transaction per shard.
/// Records are <c>r.{taskId}.{runId}</c> (a task's history is one range of its shard); claims are <c>c.{taskId}</c>,
/// outside every record range, so run listings never see them.
/// </summary>
public static class RunKeys
{
    /// <summary>
    /// Four: a batch of starts pays one transaction per shard it touches, so fewer shards mean fewer storage
    /// requests per start; each shard is one partition, which Azure serves at about 2,000 entity operations per
    /// second, so four leave room for several thousand run writes per second (starts, steps, finishes).
    /// </summary>
    public const int Shards = 4;

    public const string RecordsFrom = "r.";

    /// <summary>The first key after every record key ('/' follows '.').</summary>
    public const string RecordsTo = "r/";

    /// <summary>Stable across processes and versions: taken from the id's bytes, not from a runtime hash code.</summary>
    public static string Partition(Guid taskId)
    {
        Span<byte> bytes = stackalloc byte[16];
        taskId.TryWriteBytes(bytes);
        return $"s{BinaryPrimitives.ReadUInt32LittleEndian(bytes) % Shards}";
    }

    public static string Record(Guid taskId, string runId) => $"{TaskRecordsFrom(taskId)}{runId}";

    public static string TaskRecordsFrom(Guid taskId) => $"{RecordsFrom}{taskId:D}.";

    public static string TaskRecordsTo(Guid taskId) => $"{RecordsFrom}{taskId:D}/";

    public static string Claim(Guid taskId) => $"c.{taskId:D}";
}
