using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Courier.Domain.Starting;
using Courier.Functions.Starts;

namespace Courier.Functions.Triggers;

/// <summary>
/// Starts tasks from messages on the <c>courier-start</c> queue, in the same body forms as the start
/// API and through the same allow-list and audit. A redelivered message is the same request (its id is
/// the idempotency key), so a crash between starting and deleting never starts a run twice. A message
/// that can never succeed goes to <c>courier-start-poison</c> with the reason.
/// </summary>
public sealed partial class StartQueueListener(
    QueueServiceClient queues,
    StartRequestHandler handler,
    StartTables tables,
    TimeProvider time,
    ILogger<StartQueueListener> logger) : BackgroundService
{
    public const string QueueName = "courier-start";
    public const string PoisonQueueName = "courier-start-poison";
    private const int MaxDequeues = 5;
    private static readonly TimeSpan MaxIdleDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(QueueName);
        var poison = queues.GetQueueClient(PoisonQueueName);
        var idle = TimeSpan.FromMilliseconds(50);
        // Created once, not before every poll (three requests a poll instead of one); again after any failure, which
        // is how a queue deleted under a running host shows.
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(2), stoppingToken);
                foreach (var message in messages)
                {
                    await ProcessAsync(queue, poison, message, stoppingToken);
                }
                idle = messages.Length > 0 ? TimeSpan.FromMilliseconds(50) : Min(idle * 2, MaxIdleDelay);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogPollFailed(logger, e, QueueName);
                idle = MaxIdleDelay;
                created = false;
            }
            await Task.Delay(idle, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
    {
        if (message.DequeueCount > MaxDequeues)
        {
            await PoisonAsync(queue, poison, message, $"Failed {MaxDequeues} times; see the host log for the errors.", cancellationToken);
            return;
        }
        var body = DecodeBody(message.Body);
        var trigger = new StartTrigger("queue", QueueName, message.MessageId);
        var store = await tables.IdempotencyAsync(cancellationToken);
        var answer = await store.RunOnceAsync(QueueName, message.MessageId, async () =>
        {
            var first = await handler.HandleAsync(TaskIds.BodyOnly, body, allTaskIdsMustExist: false, trigger, from: null, cancellationToken);
            return new IdempotentAnswer(first.StatusCode, first.Json);
        }, cancellationToken);

        if (answer.StatusCode >= 400)
        {
            await PoisonAsync(queue, poison, message, ReasonOf(answer.Body), cancellationToken);
            return;
        }
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
    }

    private async Task PoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        var envelope = JsonSerializer.Serialize(new
        {
            reason,
            messageId = message.MessageId,
            insertedOn = message.InsertedOn,
            dequeueCount = message.DequeueCount,
            body = message.Body.ToString(),
        });
        await poison.SendMessageAsync(envelope, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        LogPoisoned(logger, message.MessageId, reason);
    }

    /// <summary>Messages sent by Azure Functions are base64; ours are plain JSON. Both are accepted.</summary>
    private static byte[] DecodeBody(BinaryData data)
    {
        var bytes = data.ToArray();
        var text = Encoding.UTF8.GetString(bytes).Trim();
        if (text.Length == 0 || text[0] is '{' or '[')
        {
            return bytes;
        }
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : bytes;
    }

    private static string ReasonOf(string problemJson)
    {
        try
        {
            using var problem = JsonDocument.Parse(problemJson);
            var root = problem.RootElement;
            return $"{root.GetProperty("error").GetString()}: {root.GetProperty("details").GetString()} (field {root.GetProperty("field").GetString()})";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return problemJson;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Polling queue {Queue} failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Start message {MessageId} moved to the poison queue: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string messageId, string reason);
}
