using System.Net;
using System.Text.Json;

namespace Courier.Functions.Tests.Starts;

/// <summary>One answer of the start API: status, parsed body and media type.</summary>
public sealed record StartCall(HttpStatusCode Status, JsonElement Body, string ContentType)
{
    /// <summary>The ids listed in one of the answer's arrays of <c>{taskId, ...}</c>.</summary>
    public IReadOnlyList<string> TaskIdsIn(string list) =>
        [.. Body.GetProperty(list).EnumerateArray().Select(e => e.GetProperty("taskId").GetString()!)];
}
