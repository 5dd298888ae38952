using Courier.Domain.Pipeline.Streams;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Security;

namespace Courier.Domain.Pipeline.Steps.Pgp;

/// <summary>Opens an encrypting stream for a public key: the fast AES path for RSA keys, BouncyCastle's generator for the rest (ECDH).</summary>
public static class PgpEncryptor
{
    private const int BufferSize = 1 << 16;

    /// <summary>A stream whose disposal completes the OpenPGP message in <paramref name="output"/>, which stays open.</summary>
    public static Stream Open(Stream output, PgpPublicKey key, string fileName, DateTime modifiedUtc, bool armor)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(key);
        var armored = armor ? new ArmoredOutputStream(new LeaveOpenStream(output)) : null;
        var target = armored ?? output;
        var encrypting = RsaSessionKeyPacket.Supports(key)
            ? (Stream)new OpenPgpEncryptingStream(target, key, fileName, modifiedUtc)
            : OpenWithBouncyCastle(target, key, fileName, modifiedUtc);
        return armored is null ? encrypting : new OwningStream(encrypting, armored);
    }

    private static OwningStream OpenWithBouncyCastle(Stream output, PgpPublicKey key, string fileName, DateTime modifiedUtc)
    {
        var generator = new PgpEncryptedDataGenerator(SymmetricKeyAlgorithmTag.Aes256, withIntegrityPacket: true, new SecureRandom());
        generator.AddMethod(key);
        var encrypted = generator.Open(new LeaveOpenStream(output), new byte[BufferSize]);
        var literal = new PgpLiteralDataGenerator().Open(encrypted, PgpLiteralData.Binary, fileName, modifiedUtc, new byte[BufferSize]);
        return new OwningStream(literal, encrypted);
    }
}
