namespace Courier.Domain.Pipeline.Steps.Pgp;

/// <summary>OpenPGP new-format packet lengths (RFC 4880 §4.2.2).</summary>
internal static class PacketLength
{
    /// <summary>The power of two used for streamed (partial) bodies: 1 MiB chunks.</summary>
    public const int PartialPower = 20;

    public const int PartialSize = 1 << PartialPower;

    /// <summary>The one-octet header of a partial body chunk of <see cref="PartialSize"/> bytes.</summary>
    public const byte Partial = 0xE0 | PartialPower;

    public static int Write(Span<byte> destination, int length)
    {
        if (length < 192)
        {
            destination[0] = (byte)length;
            return 1;
        }
        if (length < 8384)
        {
            destination[0] = (byte)(((length - 192) >> 8) + 192);
            destination[1] = (byte)(length - 192);
            return 2;
        }
        destination[0] = 0xFF;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(destination[1..], length);
        return 5;
    }

    public static byte[] Encode(int length)
    {
        Span<byte> buffer = stackalloc byte[5];
        return buffer[..Write(buffer, length)].ToArray();
    }
}
