using System.Text.Json.Serialization;

namespace Courier.Functions.Http;

/// <summary>One word per storage service, as /healthz shows it.</summary>
public sealed record StorageReport(string Tables, string Queues, string Blobs)
{
    public const string Ok = "ok";

    [JsonIgnore]
    public bool IsHealthy => Tables == Ok && Queues == Ok && Blobs == Ok;
}
