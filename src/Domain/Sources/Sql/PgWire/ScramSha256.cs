using System.Security.Cryptography;
using System.Text;

namespace Courier.Domain.Sources.Sql.PgWire;

/// <summary>
/// The client side of SCRAM-SHA-256 (RFC 7677) as PostgreSQL uses it: no channel binding, and an
/// empty user name in the messages because the server takes the one from the startup message.
/// </summary>
internal sealed class ScramSha256(string password)
{
    public const string Mechanism = "SCRAM-SHA-256";

    private readonly string _clientNonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
    private string? _authMessage;
    private byte[]? _saltedPassword;

    public byte[] ClientFirst() => Encoding.UTF8.GetBytes("n,," + ClientFirstBare);

    private string ClientFirstBare => "n=,r=" + _clientNonce;

    public byte[] ClientFinal(string serverFirst)
    {
        var attributes = Attributes(serverFirst);
        var nonce = attributes['r'];
        if (!nonce.StartsWith(_clientNonce, StringComparison.Ordinal))
        {
            throw new PgWireException("28000", "SCRAM: the server's nonce does not extend ours.");
        }
        var salt = Convert.FromBase64String(attributes['s']);
        var iterations = int.Parse(attributes['i'], System.Globalization.CultureInfo.InvariantCulture);
        _saltedPassword = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        var withoutProof = "c=biws,r=" + nonce;
        _authMessage = ClientFirstBare + "," + serverFirst + "," + withoutProof;
        var clientKey = HMACSHA256.HashData(_saltedPassword, "Client Key"u8);
        var signature = HMACSHA256.HashData(SHA256.HashData(clientKey), Encoding.UTF8.GetBytes(_authMessage));
        for (var i = 0; i < clientKey.Length; i++)
        {
            clientKey[i] ^= signature[i];
        }
        return Encoding.UTF8.GetBytes(withoutProof + ",p=" + Convert.ToBase64String(clientKey));
    }

    /// <summary>Checks the server's signature: a server that does not know the password cannot fake it.</summary>
    public void VerifyServerFinal(string serverFinal)
    {
        var attributes = Attributes(serverFinal);
        var serverKey = HMACSHA256.HashData(_saltedPassword!, "Server Key"u8);
        var expected = HMACSHA256.HashData(serverKey, Encoding.UTF8.GetBytes(_authMessage!));
        if (!attributes.TryGetValue('v', out var signature)
            || !CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(signature), expected))
        {
            throw new PgWireException("28000", "SCRAM: the server's signature is wrong.");
        }
    }

    private static Dictionary<char, string> Attributes(string message) =>
        message.Split(',').Where(part => part.Length > 1 && part[1] == '=').ToDictionary(part => part[0], part => part[2..]);
}
