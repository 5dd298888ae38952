using System.Security.Cryptography;
using System.Text;
using Courier.Domain.Destinations;

namespace Courier.Destinations.Tests;

/// <summary>Delivery files made in memory for tests (the pipeline's Blob Storage is not under test here).</summary>
internal static class TestFiles
{
    public static DeliveryFile FromText(string name, string text) => FromBytes(name, Encoding.UTF8.GetBytes(text));

    public static DeliveryFile FromBytes(string name, byte[] bytes) =>
        new(name, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), _ => Task.FromResult<Stream>(new MemoryStream(bytes, writable: false)))
        {
            ContentType = name.EndsWith(".html", StringComparison.Ordinal) ? "text/html" : name.EndsWith(".txt", StringComparison.Ordinal) ? "text/plain" : "text/csv",
        };

    public static DeliveryRequest Request(DeliveryFile file, DestinationSettings settings, string? key = null) =>
        new("run-" + UniqueNameShort(), key ?? "key-" + UniqueNameShort(), file, settings);

    private static string UniqueNameShort() => Guid.NewGuid().ToString("N")[..10];
}
