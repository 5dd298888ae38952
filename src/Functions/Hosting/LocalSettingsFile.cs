using System.Text.Json;

namespace Courier.Functions.Hosting;

/// <summary>
/// Reads <c>local.settings.json</c> the way the Azure Functions host does: the <c>Values</c> object
/// becomes top-level settings (<c>Values:AzureWebJobsStorage</c> → <c>AzureWebJobsStorage</c>) with
/// <c>__</c> meaning a section separator, and <c>ConnectionStrings</c> stays a section.
/// </summary>
public static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";

    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return settings;
        }
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var root = document.RootElement;
        if (root.TryGetProperty("IsEncrypted", out var encrypted) && encrypted.ValueKind == JsonValueKind.True)
        {
            throw new InvalidOperationException(
                $"{path} is encrypted (IsEncrypted: true); Courier reads only plain local settings.");
        }
        AddObject(root, "Values", prefix: "", settings, path);
        AddObject(root, "ConnectionStrings", prefix: "ConnectionStrings:", settings, path);
        return settings;
    }

    private static void AddObject(
        JsonElement root, string property, string prefix, Dictionary<string, string?> settings, string path)
    {
        if (!root.TryGetProperty(property, out var values))
        {
            return;
        }
        if (values.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"{path}: '{property}' must be an object of settings.");
        }
        foreach (var setting in values.EnumerateObject())
        {
            var key = prefix + setting.Name.Replace("__", ":", StringComparison.Ordinal);
            settings[key] = setting.Value.ValueKind switch
            {
                JsonValueKind.String => setting.Value.GetString(),
                JsonValueKind.Null => null,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => setting.Value.GetRawText(),
                _ => throw new InvalidOperationException(
                    $"{path}: '{property}:{setting.Name}' must be a string, number or boolean."),
            };
        }
    }
}
