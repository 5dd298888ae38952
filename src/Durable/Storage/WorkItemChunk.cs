using System.Text;
using System.Text.Json;

namespace Courier.Durable.Storage;

/// <summary>
/// One work-item message standing for several activities of one episode that run in the process that
/// scheduled them: the crash safety net costs one send and one delete per chunk instead of per activity.
/// The items are the activities' own work-item bodies, embedded as they are (a large one stays a blob
/// reference), so a chunk that reappears after a crash can be split back into ordinary work items.
/// </summary>
internal sealed record WorkItemChunk(IReadOnlyList<string> Items, int LocalAttempts)
{
    /// <summary>At most one receive batch of activities, so a split chunk is no larger than a poll.</summary>
    public const int MaxItems = 32;

    private const string ItemsProperty = "workItems";
    private const string AttemptsProperty = "localAttempts";

    /// <summary>Groups work-item bodies, in order, into chunks that each fit in one queue message.</summary>
    public static List<List<int>> Group(IReadOnlyList<string> bodies) => QueueBodyGroups.Of(bodies, MaxItems);

    public string Encode() => QueueBodyGroups.Encode(ItemsProperty, Items, writer => writer.WriteNumber(AttemptsProperty, LocalAttempts));

    /// <summary>Reads a chunk; null when <paramref name="text"/> is an ordinary message. Throws <see cref="JsonException"/> on bad JSON.</summary>
    public static WorkItemChunk? TryDecode(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(ItemsProperty, out var items))
        {
            return null;
        }
        if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
        {
            throw new JsonException("A work-item chunk has no items.");
        }
        var attempts = root.TryGetProperty(AttemptsProperty, out var a) ? a.GetInt32() : 0;
        return new WorkItemChunk([.. items.EnumerateArray().Select(e => e.GetRawText())], attempts);
    }
}
