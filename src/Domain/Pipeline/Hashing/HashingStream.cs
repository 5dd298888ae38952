using System.Security.Cryptography;
using Courier.Domain.Pipeline.Streams;

namespace Courier.Domain.Pipeline.Hashing;

/// <summary>
/// Counts and hashes (MD5 + SHA-256) every byte on its way to the inner stream, so a file's digests
/// cost no second read. Large writes hash MD5 and SHA-256 on two threads while the inner write runs.
/// </summary>
public sealed class HashingStream(Stream inner, bool leaveOpen = true) : WriteOnlyStream
{
    private const int ParallelThreshold = 1 << 17;

    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _size;
    private FileDigest? _digest;

    public long BytesWritten => _size;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Hash(buffer);
        inner.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (count < ParallelThreshold)
        {
            Write(buffer.AsSpan(offset, count));
            return;
        }
        EnsureOpen();
        _size += count;
        var sha = Task.Run(() => _sha256.AppendData(buffer, offset, count));
        _md5.AppendData(buffer, offset, count);
        inner.Write(buffer, offset, count);
        sha.GetAwaiter().GetResult();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length < ParallelThreshold)
        {
            Hash(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
            return;
        }
        EnsureOpen();
        _size += buffer.Length;
        var write = inner.WriteAsync(buffer, cancellationToken).AsTask();
        var sha = Task.Run(() => _sha256.AppendData(buffer.Span), cancellationToken);
        _md5.AppendData(buffer.Span);
        await Task.WhenAll(sha, write);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    /// <summary>The digest of everything written; no more writes are accepted after this.</summary>
    public FileDigest Complete() =>
        _digest ??= new FileDigest(_size, Convert.ToHexStringLower(_md5.GetHashAndReset()), Convert.ToHexStringLower(_sha256.GetHashAndReset()));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _md5.Dispose();
            _sha256.Dispose();
            if (!leaveOpen)
            {
                inner.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    private void Hash(ReadOnlySpan<byte> buffer)
    {
        EnsureOpen();
        _size += buffer.Length;
        _md5.AppendData(buffer);
        _sha256.AppendData(buffer);
    }

    private void EnsureOpen() => ObjectDisposedException.ThrowIf(_digest is not null, this);
}
