using System.Runtime.InteropServices;

namespace Courier.Domain.Connectors.Smb;

/// <summary>A file open for reading on an SMB share, read in chunks under the libsmbclient lock.</summary>
internal sealed class SmbReadStream(SmbContext context, IntPtr file) : Stream
{
    private readonly IntPtr _native = Marshal.AllocHGlobal(SmbFileSystem.ChunkSize);
    private readonly byte[] _managed = new byte[SmbFileSystem.ChunkSize];
    private bool _closed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var wanted = Math.Min(buffer.Length, SmbFileSystem.ChunkSize);
        nint read;
        int errno;
        lock (LibSmbClient.Gate)
        {
            read = context.Read(context.Pointer, file, _native, (nuint)wanted);
            errno = Marshal.GetLastPInvokeError();
        }
        if (read < 0)
        {
            throw new IOException($"SMB read failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
        Marshal.Copy(_native, _managed, 0, (int)read);
        _managed.AsSpan(0, (int)read).CopyTo(buffer);
        return (int)read;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Run(() => Read(buffer.Span), cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (!_closed)
        {
            _closed = true;
            lock (LibSmbClient.Gate)
            {
                context.Close(context.Pointer, file);
            }
            Marshal.FreeHGlobal(_native);
        }
        base.Dispose(disposing);
    }
}
