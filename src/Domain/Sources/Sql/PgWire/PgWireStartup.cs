using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Courier.Domain.Sources.Sql.PgWire;

/// <summary>
/// Opens a session on a fresh connection: TLS when the connection prefers or requires it, the
/// startup message, then trust, cleartext, MD5 or SCRAM-SHA-256 authentication, up to the first
/// ReadyForQuery. Any other method is <see cref="PgWireUnsupportedException"/>, left to Npgsql.
/// </summary>
internal static class PgWireStartup
{
    private const int ProtocolVersion3 = 196608;
    private const int SslRequestCode = 80877103;

    public static void Run(PgWireConnection connection, PgWireSettings settings)
    {
        NegotiateTls(connection, settings);
        connection.Send(StartupMessage(settings));
        ScramSha256? scram = null;
        while (true)
        {
            var (code, body) = connection.ReadMessage();
            switch (code)
            {
                case (byte)'R':
                    scram = Authenticate(connection, settings, BinaryPrimitives.ReadInt32BigEndian(body), body.AsSpan(4), scram);
                    break;
                case (byte)'K':
                    connection.SetCancelKey(BinaryPrimitives.ReadInt32BigEndian(body), BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(4)));
                    break;
                case (byte)'Z':
                    return;
                case (byte)'v':
                    // NegotiateProtocolVersion: the server speaks an older minor version, which is fine.
                    break;
                default:
                    throw new PgWireException("08P01", $"Unexpected message '{(char)code}' during startup.");
            }
        }
    }

    private static void NegotiateTls(PgWireConnection connection, PgWireSettings settings)
    {
        if (settings.SslMode == SslMode.Disable)
        {
            return;
        }
        var request = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(request, 8);
        BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(4), SslRequestCode);
        connection.Send(request);
        if (connection.ReadSslAnswer() == 'S')
        {
            // Prefer and Require encrypt without checking the certificate, as libpq and Npgsql do;
            // the modes that check it go through Npgsql (see PgWireSettings).
            connection.UpgradeToTls(settings.Host);
        }
        else if (settings.SslMode == SslMode.Require)
        {
            throw new PgWireUnsupportedException("The server does not offer TLS, which the connection requires.");
        }
    }

    private static byte[] StartupMessage(PgWireSettings settings)
    {
        using var message = new MemoryStream();
        message.Write([0, 0, 0, 0, 0, 0, 0, 0]);
        foreach (var (name, value) in settings.StartupParameters)
        {
            WriteCString(message, name);
            WriteCString(message, value);
        }
        message.WriteByte(0);
        var bytes = message.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(bytes, bytes.Length);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), ProtocolVersion3);
        return bytes;
    }

    private static ScramSha256? Authenticate(PgWireConnection connection, PgWireSettings settings, int method, ReadOnlySpan<byte> data, ScramSha256? scram)
    {
        const int Ok = 0, Cleartext = 3, Md5 = 5, Sasl = 10, SaslContinue = 11, SaslFinal = 12;
        if (method == Ok)
        {
            return scram;
        }
        if (method is Cleartext or Md5 or Sasl && settings.Password is null)
        {
            throw new PgWireUnsupportedException("The server asks for a password and none was given.");
        }
        switch (method)
        {
            case Cleartext:
                connection.Send(PasswordMessage(Encoding.UTF8.GetBytes(settings.Password + "\0")));
                return null;
            case Md5:
                connection.Send(PasswordMessage(Encoding.ASCII.GetBytes(Md5Password(settings.Username, settings.Password!, data[..4]) + "\0")));
                return null;
            case Sasl:
                var mechanisms = Encoding.UTF8.GetString(data).Split('\0');
                if (!mechanisms.Contains(ScramSha256.Mechanism))
                {
                    throw new PgWireUnsupportedException("The server offers no SASL mechanism the wire client knows.");
                }
                scram = new ScramSha256(settings.Password!);
                connection.Send(SaslInitialResponse(scram.ClientFirst()));
                return scram;
            case SaslContinue when scram is not null:
                connection.Send(PasswordMessage(scram.ClientFinal(Encoding.UTF8.GetString(data))));
                return scram;
            case SaslFinal when scram is not null:
                scram.VerifyServerFinal(Encoding.UTF8.GetString(data));
                return scram;
            default:
                throw new PgWireUnsupportedException($"The server asks for authentication method {method}.");
        }
    }

#pragma warning disable CA5351 // PostgreSQL's md5 method is defined with MD5; the server chose it, not us.
    private static string Md5Password(string user, string password, ReadOnlySpan<byte> salt)
    {
        var inner = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(password + user)));
        var outer = Encoding.ASCII.GetBytes(inner).Concat(salt.ToArray()).ToArray();
        return "md5" + Convert.ToHexStringLower(MD5.HashData(outer));
    }
#pragma warning restore CA5351

    /// <summary>A PasswordMessage; SASL responses use the same frame.</summary>
    private static byte[] PasswordMessage(byte[] data)
    {
        var message = new byte[1 + 4 + data.Length];
        message[0] = (byte)'p';
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), message.Length - 1);
        data.CopyTo(message, 5);
        return message;
    }

    private static byte[] SaslInitialResponse(byte[] clientFirst)
    {
        var mechanism = Encoding.ASCII.GetBytes(ScramSha256.Mechanism + "\0");
        var data = new byte[mechanism.Length + 4 + clientFirst.Length];
        mechanism.CopyTo(data, 0);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(mechanism.Length), clientFirst.Length);
        clientFirst.CopyTo(data, mechanism.Length + 4);
        return PasswordMessage(data);
    }

    private static void WriteCString(Stream stream, string value)
    {
        stream.Write(Encoding.UTF8.GetBytes(value));
        stream.WriteByte(0);
    }
}
