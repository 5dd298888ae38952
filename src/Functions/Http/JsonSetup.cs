using System.Text.Json;
using System.Text.Json.Serialization;

namespace Courier.Functions.Http;

public static class JsonSetup
{
    /// <summary>
    /// Every JSON answer speaks like the catalog's (<c>CourierJson</c>): enums as camelCase names, so a run's
    /// status reads "succeeded", never a number that changes meaning when the enum grows.
    /// </summary>
    public static IServiceCollection AddCourierJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
}
