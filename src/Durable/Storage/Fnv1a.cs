using System.Text;

namespace Courier.Durable.Storage;

/// <summary>FNV-1a, the hash Durable Task uses to map an instance to its control queue.</summary>
internal static class Fnv1a
{
    public static uint Hash(string value)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash;
    }
}
