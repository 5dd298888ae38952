using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Courier.Domain.Security;

/// <summary>
/// The shape of a key: <c>{id}.{random}</c>. The id lets a request find its row with one point read;
/// only the SHA-256 of the whole key is stored. The key carries 256 random bits, so a plain hash is
/// enough (a slow password hash protects low-entropy secrets, which these are not).
/// </summary>
public static class ApiKeySecret
{
    private const int IdBytes = 6;
    private const int SecretBytes = 32;

    public static (string Id, string Key) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var key = $"{id}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes))}";
        return (id, key);
    }

    /// <summary>The id part of a presented key, or null when the key is not in Courier's shape.</summary>
    public static string? IdOf(string presented)
    {
        var dot = presented.IndexOf('.', StringComparison.Ordinal);
        return dot == IdBytes * 2 && IsWellFormedId(presented[..dot]) ? presented[..dot] : null;
    }

    /// <summary>True for ids this class generates; anything else never reaches a storage query.</summary>
    public static bool IsWellFormedId(string id) =>
        id.Length == IdBytes * 2 && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Constant-time comparison so response timing does not reveal how much of a hash matched.</summary>
    public static bool Matches(string presented, ReadOnlySpan<byte> storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);
}
