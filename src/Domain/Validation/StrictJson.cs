using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Courier.Domain.Model;

namespace Courier.Domain.Validation;

/// <summary>
/// Reads a resource from JSON the strict way the API and imports need: unknown members, wrong
/// types, duplicate members, nulls in lists and missing required members become
/// <see cref="ValidationException"/>s that name the field. No message repeats a submitted value.
/// </summary>
public static partial class StrictJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ValidationException([ToError(e)]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ValidationException([new ValidationError("body", "must be a JSON object")]);
            }

            if (FindBroken(root, "") is { } broken)
            {
                throw new ValidationException([broken]);
            }

            try
            {
                return root.Deserialize<T>(CourierJson.Options)
                    ?? throw new ValidationException([new ValidationError("body", "must be a JSON object")]);
            }
            catch (JsonException e)
            {
                throw new ValidationException([ToError(e)]);
            }
        }
    }

    public static T Deserialize<T>(JsonNode? node) =>
        Deserialize<T>(node is null ? "null"u8 : JsonSerializer.SerializeToUtf8Bytes(node));

    /// <summary>The field and rule a serializer error stands for.</summary>
    public static ValidationError ToError(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = Field(exception.Path);
        var message = exception.Message;
        if (Missing().Match(message) is { Success: true } missing)
        {
            return new ValidationError(Join(path, missing.Groups[1].Value), "is required");
        }

        if (Unmapped().IsMatch(message))
        {
            return new ValidationError(path, "is not a known field");
        }

        if (message.Contains("doesn't allow setting null", StringComparison.Ordinal))
        {
            return new ValidationError(path, "must not be null");
        }

        if (Converted().Match(message) is { Success: true } converted)
        {
            return new ValidationError(path.Length == 0 ? "body" : path, Expected(converted.Groups[1].Value));
        }

        var position = exception.LineNumber is { } line ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})" : "";
        return new ValidationError(path.Length == 0 ? "body" : path, $"is not valid JSON{position}");
    }

    private static string Expected(string typeName)
    {
        var inner = Nullable().Match(typeName) is { Success: true } n ? n.Groups[1].Value : typeName;
        switch (inner)
        {
            case "System.Guid":
                return "must be a GUID";
            case "System.String":
                return "must be a string";
            case "System.Boolean":
                return "must be true or false";
            case "System.Int32" or "System.Int64":
                return "must be an integer";
            case "System.Double" or "System.Decimal":
                return "must be a number";
            case "System.TimeSpan":
                return "must be a duration such as 00:05:00";
            case "System.DateTimeOffset" or "System.DateTime":
                return "must be an ISO 8601 date and time";
            default:
                break;
        }

        if (inner.StartsWith("System.Collections", StringComparison.Ordinal))
        {
            return "must be an array";
        }

        var type = typeof(CourierJson).Assembly.GetType(inner);
        if (type is { IsEnum: true })
        {
            return "must be one of: " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName));
        }

        return "must be an object";
    }

    /// <summary>A member given twice or a null inside a list: the serializer would not say where.</summary>
    private static ValidationError? FindBroken(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var field = Join(path, property.Name);
                    if (!names.Add(property.Name))
                    {
                        return new ValidationError(field, "is given more than once");
                    }

                    if (FindBroken(property.Value, field) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var field = $"{path}[{i++}]";
                    if (item.ValueKind == JsonValueKind.Null)
                    {
                        return new ValidationError(field, "must not be null");
                    }

                    if (FindBroken(item, field) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string Field(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    [GeneratedRegex("missing required properties including: '([^']+)'")]
    private static partial Regex Missing();

    [GeneratedRegex("could not be mapped to any .NET member")]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"could not be converted to ([^ ]+?)\. Path")]
    private static partial Regex Converted();

    [GeneratedRegex(@"^System\.Nullable`1\[(.+)\]$")]
    private static partial Regex Nullable();
}
