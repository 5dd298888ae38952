using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;
using X86Sse2 = System.Runtime.Intrinsics.X86.Sse2;

namespace Courier.Domain.Pipeline.Steps.Pgp;

/// <summary>
/// AES-256 in CFB-128 mode with a zero IV, as a stream (state carried between calls). CFB encryption
/// is serial, so speed is the latency of one block encryption: with AES-NI the 15 round keys stay in
/// registers and each block is 14 AESENC in a tight loop (measured ~1.5× .NET's one-shot EncryptCfb
/// here). Without AES-NI it falls back to <see cref="Aes.EncryptCfb(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte}, PaddingMode, int)"/>.
/// </summary>
internal sealed class AesCfbEncryptor : IDisposable
{
    private const int BlockSize = 16;

    private readonly Vector128<byte>[]? _roundKeys;
    private readonly Aes? _fallback;
    private readonly byte[] _iv = new byte[BlockSize];
    private Vector128<byte> _feedback;

    public AesCfbEncryptor(ReadOnlySpan<byte> key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("An AES-256 key is 32 bytes.", nameof(key));
        }
        if (IsHardwareAccelerated)
        {
            _roundKeys = ExpandKey(key);
        }
        else
        {
            _fallback = Aes.Create();
            _fallback.Key = key.ToArray();
        }
    }

    public static bool IsHardwareAccelerated => X86Aes.IsSupported && X86Sse2.IsSupported;

    /// <summary>Encrypts <paramref name="plain"/> into <paramref name="cipher"/>. Only the last call may have a length that is not a multiple of 16.</summary>
    public void Encrypt(ReadOnlySpan<byte> plain, Span<byte> cipher)
    {
        if (cipher.Length < plain.Length)
        {
            throw new ArgumentException("The output is shorter than the input.", nameof(cipher));
        }
        if (_roundKeys is null)
        {
            EncryptWithFallback(plain, cipher);
            return;
        }
        var k = _roundKeys;
        Vector128<byte> k0 = k[0], k1 = k[1], k2 = k[2], k3 = k[3], k4 = k[4], k5 = k[5], k6 = k[6], k7 = k[7];
        Vector128<byte> k8 = k[8], k9 = k[9], k10 = k[10], k11 = k[11], k12 = k[12], k13 = k[13], k14 = k[14];
        ref var input = ref MemoryMarshal.GetReference(plain);
        ref var output = ref MemoryMarshal.GetReference(cipher);
        var feedback = _feedback;
        var whole = plain.Length & ~(BlockSize - 1);
        for (nuint i = 0; i < (nuint)whole; i += BlockSize)
        {
            var x = feedback ^ k0;
            x = X86Aes.Encrypt(x, k1);
            x = X86Aes.Encrypt(x, k2);
            x = X86Aes.Encrypt(x, k3);
            x = X86Aes.Encrypt(x, k4);
            x = X86Aes.Encrypt(x, k5);
            x = X86Aes.Encrypt(x, k6);
            x = X86Aes.Encrypt(x, k7);
            x = X86Aes.Encrypt(x, k8);
            x = X86Aes.Encrypt(x, k9);
            x = X86Aes.Encrypt(x, k10);
            x = X86Aes.Encrypt(x, k11);
            x = X86Aes.Encrypt(x, k12);
            x = X86Aes.Encrypt(x, k13);
            x = X86Aes.EncryptLast(x, k14);
            feedback = Vector128.LoadUnsafe(ref input, i) ^ x;
            feedback.StoreUnsafe(ref output, i);
        }
        _feedback = feedback;
        if (whole < plain.Length)
        {
            // The final partial block: plaintext XOR the leading keystream bytes.
            Span<byte> keystream = stackalloc byte[BlockSize];
            EncryptBlock(feedback).CopyTo(keystream);
            for (var i = whole; i < plain.Length; i++)
            {
                cipher[i] = (byte)(plain[i] ^ keystream[i - whole]);
            }
        }
    }

    public void Dispose() => _fallback?.Dispose();

    private Vector128<byte> EncryptBlock(Vector128<byte> block)
    {
        var k = _roundKeys!;
        var x = block ^ k[0];
        for (var round = 1; round < 14; round++)
        {
            x = X86Aes.Encrypt(x, k[round]);
        }
        return X86Aes.EncryptLast(x, k[14]);
    }

    private void EncryptWithFallback(ReadOnlySpan<byte> plain, Span<byte> cipher)
    {
        var whole = plain.Length & ~(BlockSize - 1);
        if (whole > 0)
        {
            _fallback!.EncryptCfb(plain[..whole], _iv, cipher[..whole], PaddingMode.None, 128);
            cipher.Slice(whole - BlockSize, BlockSize).CopyTo(_iv);
        }
        if (whole < plain.Length)
        {
            Span<byte> padded = stackalloc byte[BlockSize];
            padded.Clear();
            plain[whole..].CopyTo(padded);
            Span<byte> encrypted = stackalloc byte[BlockSize];
            _fallback!.EncryptCfb(padded, _iv, encrypted, PaddingMode.None, 128);
            encrypted[..(plain.Length - whole)].CopyTo(cipher[whole..]);
        }
    }

    /// <summary>The AES-256 key schedule with AESKEYGENASSIST (Intel's AES-NI white paper, figure 28).</summary>
    private static Vector128<byte>[] ExpandKey(ReadOnlySpan<byte> key)
    {
        var keys = new Vector128<byte>[15];
        var t1 = Vector128.Create(key[..16]);
        var t3 = Vector128.Create(key[16..]);
        keys[0] = t1;
        keys[1] = t3;
        t1 = NextEven(t1, X86Aes.KeygenAssist(t3, 0x01));
        keys[2] = t1;
        t3 = NextOdd(t1, t3);
        keys[3] = t3;
        t1 = NextEven(t1, X86Aes.KeygenAssist(t3, 0x02));
        keys[4] = t1;
        t3 = NextOdd(t1, t3);
        keys[5] = t3;
        t1 = NextEven(t1, X86Aes.KeygenAssist(t3, 0x04));
        keys[6] = t1;
        t3 = NextOdd(t1, t3);
        keys[7] = t3;
        t1 = NextEven(t1, X86Aes.KeygenAssist(t3, 0x08));
        keys[8] = t1;
        t3 = NextOdd(t1, t3);
        keys[9] = t3;
        t1 = NextEven(t1, X86Aes.KeygenAssist(t3, 0x10));
        keys[10] = t1;
        t3 = NextOdd(t1, t3);
        keys[11] = t3;
        t1 = NextEven(t1, X86Aes.KeygenAssist(t3, 0x20));
        keys[12] = t1;
        t3 = NextOdd(t1, t3);
        keys[13] = t3;
        keys[14] = NextEven(t1, X86Aes.KeygenAssist(t3, 0x40));
        return keys;
    }

    private static Vector128<byte> NextEven(Vector128<byte> t1, Vector128<byte> assist)
    {
        var t2 = X86Sse2.Shuffle(assist.AsInt32(), 0xFF).AsByte();
        var t4 = X86Sse2.ShiftLeftLogical128BitLane(t1, 4);
        t1 ^= t4;
        t4 = X86Sse2.ShiftLeftLogical128BitLane(t4, 4);
        t1 ^= t4;
        t4 = X86Sse2.ShiftLeftLogical128BitLane(t4, 4);
        t1 ^= t4;
        return t1 ^ t2;
    }

    private static Vector128<byte> NextOdd(Vector128<byte> t1, Vector128<byte> t3)
    {
        var t2 = X86Sse2.Shuffle(X86Aes.KeygenAssist(t1, 0x00).AsInt32(), 0xAA).AsByte();
        var t4 = X86Sse2.ShiftLeftLogical128BitLane(t3, 4);
        t3 ^= t4;
        t4 = X86Sse2.ShiftLeftLogical128BitLane(t4, 4);
        t3 ^= t4;
        t4 = X86Sse2.ShiftLeftLogical128BitLane(t4, 4);
        t3 ^= t4;
        return t3 ^ t2;
    }
}
