using System.Text.Json;
using System.Text.Json.Serialization;

namespace Courier.Domain.Model;

/// <summary>
/// The one JSON shape of the model, for storage, the API and export: camelCase, enums as camelCase
/// strings (numbers refused), unknown members refused, nulls omitted.
/// </summary>
public static class CourierJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>For documents read back from storage: members a newer version removed are skipped, not refused.</summary>
    public static JsonSerializerOptions Stored { get; } = Create(indented: false, strict: false);

    private static JsonSerializerOptions Create(bool indented, bool strict = true)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
            RespectNullableAnnotations = true,
            NumberHandling = JsonNumberHandling.Strict,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = 32,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
