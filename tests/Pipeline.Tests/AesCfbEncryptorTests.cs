using System.Security.Cryptography;
using Courier.Domain.Pipeline.Steps.Pgp;

namespace Courier.Pipeline.Tests;

public sealed class AesCfbEncryptorTests
{
    [Theory]
    [InlineData(0, 16)]
    [InlineData(1, 16)]
    [InlineData(15, 16)]
    [InlineData(16, 16)]
    [InlineData(17, 16)]
    [InlineData(1000, 64)]
    [InlineData(65_541, 4096)]
    public void Matches_dotnet_AES_CFB128_with_a_zero_IV_across_calls(int length, int callSize)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var plain = RandomNumberGenerator.GetBytes(length);
        var cipher = new byte[length];

        using (var encryptor = new AesCfbEncryptor(key))
        {
            for (var offset = 0; offset < length; offset += callSize)
            {
                var take = Math.Min(callSize, length - offset);
                encryptor.Encrypt(plain.AsSpan(offset, take), cipher.AsSpan(offset, take));
            }
        }

        Assert.Equal(Reference(key, plain), cipher);
    }

    private static byte[] Reference(byte[] key, byte[] plain)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var padded = new byte[(plain.Length + 15) & ~15];
        plain.CopyTo(padded, 0);
        var encrypted = aes.EncryptCfb(padded, new byte[16], PaddingMode.None, 128);
        return encrypted[..plain.Length];
    }
}
