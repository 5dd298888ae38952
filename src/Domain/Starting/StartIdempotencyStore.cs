using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Courier.Domain.Starting;

/// <summary>
/// Makes a start request with an <c>Idempotency-Key</c> happen once per caller and key. The first
/// request reserves the key (an insert, which only one writer can win); the winner runs and stores
/// its answer; a repeat, even one racing the first, waits for that answer and returns it unchanged.
/// </summary>
public sealed class StartIdempotencyStore(TableClient table, TimeProvider time)
{
    public const string TableName = "startidempotency";

    private static readonly TimeSpan PendingWait = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="start"/> unless this caller already used the key; returns the first answer.</summary>
    public async Task<IdempotentAnswer> RunOnceAsync(
        string caller, string key, Func<Task<IdempotentAnswer>> start, CancellationToken cancellationToken)
    {
        var (partition, row) = (Hash(caller), Hash(key));
        try
        {
            await table.AddEntityAsync(new TableEntity(partition, row) { ["Pending"] = true }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await WaitForFirstAnswerAsync(partition, row, cancellationToken);
        }

        IdempotentAnswer answer;
        try
        {
            answer = await start();
        }
        catch
        {
            // Nothing was answered: free the key so the caller can retry with it.
            await table.DeleteEntityAsync(partition, row, ETag.All, CancellationToken.None);
            throw;
        }
        await table.UpsertEntityAsync(
            new TableEntity(partition, row) { ["Pending"] = false, ["Status"] = answer.StatusCode, ["Body"] = answer.Body },
            TableUpdateMode.Replace,
            cancellationToken);
        return answer;
    }

    private async Task<IdempotentAnswer> WaitForFirstAnswerAsync(string partition, string row, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + PendingWait;
        while (true)
        {
            var entity = (await table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken)).Value;
            if (entity.GetBoolean("Pending") != true)
            {
                return new IdempotentAnswer(entity.GetInt32("Status") ?? 200, entity.GetString("Body") ?? "");
            }
            if (time.GetUtcNow() > deadline)
            {
                return new IdempotentAnswer(409, """{"error":"Request in progress","details":"A request with this Idempotency-Key is still being processed."}""");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
    }

    // Keys are caller-chosen text: hashing keeps them within table key rules ('/', '#', '?' are not allowed).
    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
