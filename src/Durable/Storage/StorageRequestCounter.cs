using Azure.Core;
using Azure.Core.Pipeline;

namespace Courier.Durable.Storage;

/// <summary>Counts every storage request the runtime sends (the benchmark reports requests per activity).</summary>
internal sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private static long _count;

    public static long Count => Interlocked.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
