using System.Text.Json;

namespace Courier.Domain.Starting;

/// <summary>
/// Reads a start request in either form: Courier's object <c>{taskId[], tag[], customProperty[]}</c>
/// or Butler's array of <c>{type, payload}</c> items. The path id (unless <c>-</c>) is the first
/// selector. In Courier's form a malformed GUID rejects the whole request; in Butler's form it is
/// reported under <c>tasksId.invalid</c>, as Butler does.
/// </summary>
public static class StartRequestParser
{
    private static readonly string[] CourierFields = ["taskId", "tag", "customProperty"];

    public static StartSelection Parse(string? pathTaskId, ReadOnlySpan<byte> body, bool allTaskIdsMustExist)
    {
        var selectors = new List<TaskSelector>();
        var form = StartRequestForm.Courier;
        if (pathTaskId is not null && pathTaskId != TaskIds.BodyOnly)
        {
            selectors.Add(TaskSelector.ForTaskId(pathTaskId));
        }
        if (!IsBlank(body))
        {
            using var document = ParseJson(body);
            var root = document.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    ReadCourierForm(root, selectors);
                    break;
                case JsonValueKind.Array:
                    form = StartRequestForm.Butler;
                    ReadButlerForm(root, selectors);
                    break;
                default:
                    throw StartRequestException.InvalidBody("The body must be a JSON object or a JSON array.", "$");
            }
        }
        if (form == StartRequestForm.Courier)
        {
            RejectMalformedIds(selectors, pathTaskId);
        }
        return new StartSelection(form, selectors, allTaskIdsMustExist);
    }

    private static bool IsBlank(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).IsEmpty;

    private static JsonDocument ParseJson(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw StartRequestException.InvalidBody($"The body is not valid JSON: {e.Message}", e.Path ?? "$");
        }
    }

    private static void ReadCourierForm(JsonElement root, List<TaskSelector> selectors)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!CourierFields.Contains(property.Name, StringComparer.Ordinal))
            {
                throw StartRequestException.InvalidBody(
                    $"Unknown field '{property.Name}'. Expected taskId, tag or customProperty.", property.Name);
            }
        }
        foreach (var (value, _) in StringArray(root, "taskId"))
        {
            selectors.Add(TaskSelector.ForTaskId(value));
        }
        foreach (var (value, _) in StringArray(root, "tag"))
        {
            selectors.Add(TaskSelector.ForTag(value));
        }
        if (root.TryGetProperty("customProperty", out var properties) && properties.ValueKind != JsonValueKind.Null)
        {
            if (properties.ValueKind != JsonValueKind.Array)
            {
                throw StartRequestException.InvalidBody("customProperty must be an array of {name, value}.", "customProperty");
            }
            var index = 0;
            foreach (var item in properties.EnumerateArray())
            {
                var field = $"customProperty[{index++}]";
                selectors.Add(TaskSelector.ForCustomProperty(
                    RequiredString(item, "name", field), RequiredString(item, "value", field)));
            }
        }
    }

    private static IEnumerable<(string Value, string Field)> StringArray(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw StartRequestException.InvalidBody($"{name} must be an array of strings.", name);
        }
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var field = $"{name}[{index++}]";
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                throw StartRequestException.InvalidBody($"{field} must be a non-empty string.", field);
            }
            yield return (item.GetString()!, field);
        }
    }

    private static void ReadButlerForm(JsonElement root, List<TaskSelector> selectors)
    {
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            var field = $"[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw StartRequestException.InvalidBody($"Item {field} must be an object {{type, payload}}.", field);
            }
            var type = RequiredString(item, "type", field).ToLowerInvariant();
            if (type is not ("starttaskid" or "starttasktag" or "starttaskcustomproperty"))
            {
                // Butler skips item types it does not handle (keyvaluestore, unknown); callers rely on that.
                continue;
            }
            if (!item.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
            {
                throw StartRequestException.InvalidBody($"Item {field} needs a payload object.", $"{field}.payload");
            }
            var payloadField = $"{field}.payload";
            selectors.Add(type switch
            {
                "starttaskid" => TaskSelector.ForTaskId(RequiredString(payload, "taskId", payloadField)),
                "starttasktag" => TaskSelector.ForTag(RequiredString(payload, "tag", payloadField)),
                _ => TaskSelector.ForCustomProperty(
                    RequiredString(payload, "customPropertyName", payloadField),
                    RequiredString(payload, "customPropertyValue", payloadField)),
            });
        }
    }

    private static string RequiredString(JsonElement item, string name, string parentField)
    {
        var field = $"{parentField}.{name}";
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty(name, out var value)
            || value.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw StartRequestException.InvalidBody($"{field} is required and must be a non-empty string.", field);
        }
        return value.GetString()!;
    }

    private static void RejectMalformedIds(List<TaskSelector> selectors, string? pathTaskId)
    {
        var bodyIndex = 0;
        var pathCounted = pathTaskId is not null && pathTaskId != TaskIds.BodyOnly;
        foreach (var selector in selectors.Where(s => s.Kind == SelectorKind.TaskId))
        {
            var field = pathCounted ? "path.taskId" : $"taskId[{bodyIndex++}]";
            pathCounted = false;
            if (!TaskIds.TryParse(selector.Value, out _))
            {
                throw StartRequestException.InvalidTaskId(field);
            }
        }
    }
}
