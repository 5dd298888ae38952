using System.Buffers;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Courier.Domain.Pipeline.Streams;

namespace Courier.Domain.Pipeline.Storage;

/// <summary>
/// Streams a block blob as staged blocks (a few uploading while the next fills) and commits the block
/// list only in <see cref="CommitAsync"/>: a run that fails half-way leaves no partial file, and a
/// re-run replaces the blob whole.
/// </summary>
public sealed class BlockBlobWriter(BlockBlobClient blob, int blockSize = BlockBlobWriter.DefaultBlockSize) : WriteOnlyStream
{
    public const int DefaultBlockSize = 4 << 20;
    private const int MaxInFlight = 2;

    private readonly List<string> _blockIds = [];
    private readonly Queue<Task> _inFlight = new();
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(blockSize);
    private int _count;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, blockSize - _count);
            buffer[..take].CopyTo(_buffer.AsSpan(_count));
            _count += take;
            buffer = buffer[take..];
            if (_count == blockSize)
            {
                // Formats and steps write synchronously; waiting here bounds memory to MaxInFlight blocks.
                StageCurrentAsync(CancellationToken.None).GetAwaiter().GetResult();
            }
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, blockSize - _count);
            buffer.Span[..take].CopyTo(_buffer.AsSpan(_count));
            _count += take;
            buffer = buffer[take..];
            if (_count == blockSize)
            {
                await StageCurrentAsync(cancellationToken);
            }
        }
    }

    /// <summary>Uploads what is left and commits the blob with its MD5 as Content-MD5.</summary>
    public async Task CommitAsync(byte[] md5, string contentType, CancellationToken cancellationToken)
    {
        if (_count > 0)
        {
            await StageCurrentAsync(cancellationToken);
        }
        await Task.WhenAll(_inFlight);
        _inFlight.Clear();
        var headers = new BlobHttpHeaders { ContentHash = md5, ContentType = contentType };
        await blob.CommitBlockListAsync(_blockIds, new CommitBlockListOptions { HttpHeaders = headers }, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
        base.Dispose(disposing);
    }

    private async Task StageCurrentAsync(CancellationToken cancellationToken)
    {
        while (_inFlight.Count >= MaxInFlight)
        {
            await _inFlight.Dequeue();
        }
        var id = Convert.ToBase64String(BitConverter.GetBytes(_blockIds.Count).Concat(new byte[4]).ToArray());
        _blockIds.Add(id);
        var full = _buffer;
        var length = _count;
        _buffer = ArrayPool<byte>.Shared.Rent(blockSize);
        _count = 0;
        _inFlight.Enqueue(StageAsync(id, full, length, cancellationToken));
    }

    private async Task StageAsync(string id, byte[] block, int length, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new MemoryStream(block, 0, length, writable: false);
            await blob.StageBlockAsync(id, content, new BlockBlobStageBlockOptions(), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }
}
