using System.Net.Security;
using System.Net.Sockets;

namespace Courier.Domain.Connectors.Ftp;

/// <summary>
/// One passive data connection. <see cref="FinishAsync"/> closes it (with a TLS close_notify, which
/// vsftpd requires to accept an upload) and reads the transfer's final reply; disposing without
/// finishing aborts the transfer quietly.
/// </summary>
internal sealed class FtpDataStream(FtpClient client, TcpClient socket, Stream stream, string verb) : Stream
{
    private bool _finished;

    public override bool CanRead => stream.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => stream.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return;
        }
        _finished = true;
        await CloseDataAsync();
        await client.ReadTransferReplyAsync(verb, cancellationToken);
    }

    public override void Flush() => stream.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => stream.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => stream.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => stream.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        stream.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => stream.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => stream.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        stream.WriteAsync(buffer, offset, count, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            _finished = true;
            await CloseDataAsync();
            try
            {
                // A reader that stopped early: the server answers 426 or 226; either way the control connection stays usable.
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await client.ReadTransferReplyAsync(verb, quick.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                // The transfer was abandoned on purpose.
            }
        }
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_finished)
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        base.Dispose(disposing);
    }

    private async Task CloseDataAsync()
    {
        try
        {
            if (stream is SslStream ssl && CanWrite)
            {
                await ssl.ShutdownAsync();
            }
            await stream.FlushAsync();
        }
        catch (IOException)
        {
            // The server may have closed first (end of a download).
        }
        await stream.DisposeAsync();
        socket.Dispose();
    }
}
