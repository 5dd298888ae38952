using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Courier.Domain.Secrets;

/// <summary>
/// AES-256-GCM envelopes <c>v1:{keyId}:{base64(nonce ‖ tag ‖ ciphertext)}</c>. The owner's id is the
/// associated data, so a ciphertext copied to another row does not decrypt there.
/// </summary>
public sealed class SecretProtector
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly Dictionary<string, byte[]> _keys;

    public SecretProtector(IOptions<SecretKeyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, base64) in value.Keys)
        {
            if (string.IsNullOrEmpty(id) || id.Contains(':', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{SecretKeyOptions.Section}:Keys has a key id that is empty or contains ':'.");
            }

            byte[] key;
            try
            {
                key = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"{SecretKeyOptions.Section}:Keys:{id} is not base64.");
            }

            if (key.Length != 32)
            {
                throw new InvalidOperationException($"{SecretKeyOptions.Section}:Keys:{id} must be 32 bytes (AES-256); it is {key.Length}.");
            }

            _keys[id] = key;
        }

        if (!_keys.ContainsKey(value.ActiveKeyId))
        {
            throw new InvalidOperationException($"{SecretKeyOptions.Section}:ActiveKeyId must name one of the configured keys.");
        }

        ActiveKeyId = value.ActiveKeyId;
    }

    public string ActiveKeyId { get; }

    public string Protect(string plaintext, string owner)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(owner);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + data.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_keys[ActiveKeyId], TagSize))
        {
            aes.Encrypt(nonce, data, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(owner));
        }

        CryptographicOperations.ZeroMemory(data);
        return $"{Version}:{ActiveKeyId}:{Convert.ToBase64String(output)}";
    }

    public string Unprotect(string envelope, string owner)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(owner);
        var keyId = KeyIdOf(envelope);
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new SecretUnavailableException($"Secret was encrypted with key '{keyId}', which is not configured.");
        }

        byte[] input;
        try
        {
            input = Convert.FromBase64String(envelope[(envelope.LastIndexOf(':') + 1)..]);
        }
        catch (FormatException)
        {
            throw new SecretUnavailableException("Secret envelope is not valid base64.");
        }

        if (input.Length < NonceSize + TagSize)
        {
            throw new SecretUnavailableException("Secret envelope is too short.");
        }

        var plaintext = new byte[input.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize + TagSize), input.AsSpan(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(owner));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretUnavailableException($"Secret does not decrypt with key '{keyId}' for this owner (tampered or moved).");
        }

        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>The id of the key an envelope was made with.</summary>
    public static string KeyIdOf(string envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var parts = envelope.Split(':');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new SecretUnavailableException("Secret envelope is not in the v1 format.");
        }

        return parts[1];
    }

    public bool NeedsRotation(string envelope) => KeyIdOf(envelope) != ActiveKeyId;
}
