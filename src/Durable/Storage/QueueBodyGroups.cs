using System.Text;
using System.Text.Json;

namespace Courier.Durable.Storage;

/// <summary>Groups message bodies, in order, so that each group fits in one queue message as a JSON array.</summary>
internal static class QueueBodyGroups
{
    public static List<List<int>> Of(IReadOnlyList<string> bodies, int maxItems)
    {
        var groups = new List<List<int>>();
        var bytes = 0;
        for (var i = 0; i < bodies.Count; i++)
        {
            // Each item adds its text and a comma; the envelope is well under the margin below.
            var size = Encoding.UTF8.GetByteCount(bodies[i]) + 1;
            if (groups.Count == 0 || groups[^1].Count >= maxItems || bytes + size > PayloadStore.MaxQueueBytes - 64)
            {
                groups.Add([]);
                bytes = 0;
            }
            groups[^1].Add(i);
            bytes += size;
        }
        return groups;
    }

    /// <summary>One queue message holding <paramref name="bodies"/> as the JSON array <paramref name="property"/>, then whatever <paramref name="more"/> adds.</summary>
    public static string Encode(string property, IEnumerable<string> bodies, Action<Utf8JsonWriter>? more = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray(property);
            foreach (var body in bodies)
            {
                writer.WriteRawValue(body);
            }
            writer.WriteEndArray();
            more?.Invoke(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
