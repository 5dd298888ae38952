namespace Courier.Testing;

/// <summary>Storage-safe unique names (lower-case letters and digits) so tests sharing one Azurite never collide.</summary>
public static class UniqueName
{
    public static string For(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 12, 40)].ToLowerInvariant();
}
