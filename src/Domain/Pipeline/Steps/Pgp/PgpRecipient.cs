using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Courier.Domain.Pipeline.Steps.Pgp;

/// <summary>Picks the key to encrypt to from an armored public key: a non-revoked key whose flags allow encryption, subkeys first.</summary>
public static class PgpRecipient
{
    private const int EncryptionFlags = PgpKeyFlags.CanEncryptCommunications | PgpKeyFlags.CanEncryptStorage;

    public static PgpPublicKey FindEncryptionKey(string armoredPublicKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(armoredPublicKey);
        PgpPublicKeyRingBundle bundle;
        try
        {
            using var input = PgpUtilities.GetDecoderStream(new MemoryStream(Encoding.ASCII.GetBytes(armoredPublicKey)));
            bundle = new PgpPublicKeyRingBundle(input);
        }
        catch (Exception e) when (e is IOException or PgpException)
        {
            throw new InvalidDataException("The stored PGP public key cannot be read; export it with 'gpg --armor --export'.", e);
        }
        var usable = bundle.GetKeyRings()
            .SelectMany(ring => ring.GetPublicKeys())
            .Where(key => key.IsEncryptionKey && !key.HasRevocation() && AllowsEncryption(key))
            .OrderBy(key => key.IsMasterKey)
            .FirstOrDefault();
        return usable ?? throw new InvalidDataException(
            "The PGP public key has no usable encryption key. An RSA key made with 'gpg --quick-gen-key' needs an encryption subkey: 'gpg --quick-add-key <fingerprint> rsa3072 encr'.");
    }

    /// <summary>Keys without key-flag subpackets (old keys) are taken on their algorithm alone, as gpg does.</summary>
    private static bool AllowsEncryption(PgpPublicKey key)
    {
        var flags = key.GetSignatures()
            .Where(signature => signature.HasSubpackets)
            .Select(signature => signature.GetHashedSubPackets()?.GetKeyFlags() ?? 0)
            .Where(value => value != 0)
            .ToList();
        return flags.Count == 0 || flags.Any(value => (value & EncryptionFlags) != 0);
    }
}
