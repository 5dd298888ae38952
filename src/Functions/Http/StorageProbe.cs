using Azure;
using Courier.Functions.Hosting;

namespace Courier.Functions.Http;

/// <summary>
/// Asks each storage service for one page of its listing, in parallel, each under a short deadline.
/// Reports a word per service ("ok", "unreachable", "timeout", "error 403"), never SDK messages.
/// </summary>
public sealed class StorageProbe(IServiceProvider services)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<StorageReport> CheckAsync(CancellationToken cancellationToken)
    {
        StorageClients storage;
        try
        {
            storage = services.GetRequiredService<StorageClients>().WithoutRetries();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            return new StorageReport("not configured", "not configured", "not configured");
        }
        var tables = ProbeAsync(async ct =>
        {
            await foreach (var _ in storage.Tables.QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }, cancellationToken);
        var queues = ProbeAsync(async ct =>
        {
            await foreach (var _ in storage.Queues.GetQueuesAsync(cancellationToken: ct).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }, cancellationToken);
        var blobs = ProbeAsync(async ct =>
        {
            await foreach (var _ in storage.Blobs.GetBlobContainersAsync(cancellationToken: ct).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }, cancellationToken);
        return new StorageReport(await tables, await queues, await blobs);
    }

    private static async Task<string> ProbeAsync(Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await probe(deadline.Token);
            return StorageReport.Ok;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timeout";
        }
        catch (RequestFailedException e) when (e.Status != 0)
        {
            return $"error {e.Status}";
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
        {
            return "unreachable";
        }
    }
}
