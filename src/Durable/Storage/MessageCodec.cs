using System.Text.Json;

namespace Courier.Durable.Storage;

/// <summary>Turns task messages into queue text and back, moving large ones into blobs.</summary>
internal sealed class MessageCodec(PayloadStore payloads)
{
    public async Task<string> EncodeAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(message, DurableJson.Options);
        if (!PayloadStore.TooLargeForQueue(json))
        {
            return json;
        }
        var blob = await payloads.UploadAsync(message.InstanceId, json, cancellationToken);
        return JsonSerializer.Serialize(new LargeMessageReference(blob, message.InstanceId), DurableJson.Options);
    }

    /// <summary>Decodes a message; throws <see cref="JsonException"/> (or a storage error) when it cannot be read.</summary>
    public async Task<TaskMessage> DecodeAsync(string text, CancellationToken cancellationToken)
    {
        using (var document = JsonDocument.Parse(text))
        {
            if (document.RootElement.TryGetProperty("largeMessageBlob", out _))
            {
                var reference = document.RootElement.Deserialize<LargeMessageReference>(DurableJson.Options)!;
                text = await payloads.DownloadAsync(reference.LargeMessageBlob, cancellationToken);
            }
        }
        var message = JsonSerializer.Deserialize<TaskMessage>(text, DurableJson.Options);
        return message is { InstanceId: not null, Event: not null }
            ? message
            : throw new JsonException("The message has no instance id or event.");
    }

    private sealed record LargeMessageReference(string LargeMessageBlob, string InstanceId);
}
