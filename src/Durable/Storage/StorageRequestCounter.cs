using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Courier.Durable.Storage;

/// <summary>
/// Counts every storage request the runtime sends, by kind (the benchmark reports requests per
/// activity and where they go, which is what tells which step of an episode to make cheaper).
/// </summary>
internal sealed class StorageRequestCounter(string service) : HttpPipelineSynchronousPolicy
{
    private static readonly ConcurrentDictionary<string, long> ByKind = new(StringComparer.Ordinal);
    private static long _count;

    public static long Count => Interlocked.Read(ref _count);

    /// <summary>A copy of the per-kind counts, such as <c>queue POST messages</c> (a send) or <c>table POST rows</c> (an insert).</summary>
    public static Dictionary<string, long> Snapshot() => new(ByKind, StringComparer.Ordinal);

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref _count);
        ByKind.AddOrUpdate(KindOf(message.Request), 1, (_, n) => n + 1);
    }

    private string KindOf(Request request)
    {
        var path = request.Uri.Path;
        var target = service switch
        {
            "queue" => path.EndsWith("/messages", StringComparison.Ordinal) || path.Contains("/messages/", StringComparison.Ordinal) ? "messages" : "queue",
            "table" => path.EndsWith("$batch", StringComparison.Ordinal) ? "batch" : path.Contains("(PartitionKey", StringComparison.Ordinal) ? "entity" : "rows",
            _ => "blob",
        };
        return $"{service} {request.Method.Method} {target}";
    }
}
