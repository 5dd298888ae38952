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
    private static readonly AsyncLocal<bool> InClientFlow = new();
    private static long _count;
    private static long _clientCount;

    /// <summary>Requests of the dispatchers (the engine), without those made in client flows.</summary>
    public static long Count => Interlocked.Read(ref _count);

    /// <summary>Requests made in flows marked by <see cref="MarkFlowAsClient"/> (starting and waiting for instances).</summary>
    public static long ClientCount => Interlocked.Read(ref _clientCount);

    /// <summary>Counts the requests of the calling async flow (and what it starts) as the client's, not the engine's.</summary>
    public static void MarkFlowAsClient() => InClientFlow.Value = true;

    /// <summary>A copy of the per-kind counts, such as <c>queue POST messages</c> (a send) or <c>table POST rows</c> (an insert).</summary>
    public static Dictionary<string, long> Snapshot() => new(ByKind, StringComparer.Ordinal);

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var client = InClientFlow.Value;
        if (client)
        {
            Interlocked.Increment(ref _clientCount);
        }
        else
        {
            Interlocked.Increment(ref _count);
        }
        ByKind.AddOrUpdate((client ? "client " : "") + KindOf(message.Request), 1, (_, n) => n + 1);
    }

    /// <summary>Failed requests are counted a second time under their status (<c>table PUT entity 412</c>): conflicts are what a split brain costs.</summary>
    public override void OnReceivedResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.HasResponse && message.Response.Status >= 400)
        {
            var kind = (InClientFlow.Value ? "client " : "") + KindOf(message.Request) + " " + message.Response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ByKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
        }
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
