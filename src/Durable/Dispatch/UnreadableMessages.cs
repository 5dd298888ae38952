using System.Text.Json;
using Courier.Durable.Execution;
using Courier.Durable.Storage;

namespace Courier.Durable.Dispatch;

/// <summary>
/// A control message that cannot be read goes to the poison queue, but it may still name its instance
/// (a large payload's blob gone, a field of the wrong shape): that instance would wait forever for what
/// the message carried, so it is failed, saying why (reference §8.3). The failure travels as a terminate
/// event carrying failure details, addressed to the message's execution when that is readable, so the
/// instance's own episode records it in history like any other ending.
/// </summary>
internal sealed class UnreadableMessages(HubContext hub)
{
    public async Task FailNamedInstanceAsync(string body, Exception error, long dequeueCount, CancellationToken cancellationToken)
    {
        if (NamesOf(body) is not { } names)
        {
            return;
        }
        var failure = new HistoryEvent
        {
            Type = EventType.ExecutionTerminated,
            // The error's type only: its message could quote the payload.
            Failure = new TaskFailureDetails
            {
                ErrorType = "PoisonMessage",
                ErrorMessage = $"A control message for this instance could not be read ({error.GetType().Name}) in {dequeueCount} attempts; it was moved to the poison queue.",
                IsNonRetriable = true,
            },
            Timestamp = hub.Time.GetUtcNow(),
        };
        await hub.Queues.SendAsync(
            hub.Storage.ControlQueueFor(names.InstanceId),
            new TaskMessage { InstanceId = names.InstanceId, ExecutionId = names.ExecutionId, Event = failure },
            null,
            cancellationToken);
    }

    /// <summary>The instance (and execution) a message names at its top level; null when the text does not even parse.</summary>
    private static (string InstanceId, string? ExecutionId)? NamesOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("instanceId", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } instanceId)
            {
                return null;
            }
            var executionId = root.TryGetProperty("executionId", out var execution) && execution.ValueKind == JsonValueKind.String ? execution.GetString() : null;
            return (instanceId, executionId);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
