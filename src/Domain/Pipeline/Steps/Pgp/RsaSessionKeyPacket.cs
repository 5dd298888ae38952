using System.Buffers.Binary;
using System.Numerics;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Courier.Domain.Pipeline.Steps.Pgp;

/// <summary>
/// A version 3 public-key encrypted session key packet (RFC 4880 §5.1) for an RSA key: the session key
/// with its algorithm and checksum, PKCS#1 v1.5-encrypted by BouncyCastle's RSA.
/// </summary>
internal static class RsaSessionKeyPacket
{
    public static bool Supports(PgpPublicKey key) =>
        key.Algorithm is PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaEncrypt;

    public static byte[] Encode(PgpPublicKey key, SymmetricKeyAlgorithmTag algorithm, ReadOnlySpan<byte> sessionKey)
    {
        var info = new byte[sessionKey.Length + 3];
        info[0] = (byte)algorithm;
        sessionKey.CopyTo(info.AsSpan(1));
        var checksum = 0;
        foreach (var b in sessionKey)
        {
            checksum += b;
        }
        BinaryPrimitives.WriteUInt16BigEndian(info.AsSpan(info.Length - 2), (ushort)checksum);

        var rsa = new Pkcs1Encoding(new RsaBlindedEngine());
        rsa.Init(true, new ParametersWithRandom(key.GetKey(), new SecureRandom()));
        var encrypted = rsa.ProcessBlock(info, 0, info.Length).AsSpan();
        encrypted = encrypted[encrypted.IndexOfAnyExcept((byte)0)..];
        var bits = ((encrypted.Length - 1) * 8) + (8 - BitOperations.LeadingZeroCount((uint)encrypted[0]) + 24);

        var body = new byte[1 + 8 + 1 + 2 + encrypted.Length];
        body[0] = 3;
        BinaryPrimitives.WriteInt64BigEndian(body.AsSpan(1), key.KeyId);
        body[9] = (byte)key.Algorithm;
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(10), (ushort)bits);
        encrypted.CopyTo(body.AsSpan(12));
        return [0xC0 | (byte)PacketTag.PublicKeyEncryptedSession, .. PacketLength.Encode(body.Length), .. body];
    }
}
