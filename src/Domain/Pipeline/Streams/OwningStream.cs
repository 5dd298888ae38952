namespace Courier.Domain.Pipeline.Streams;

/// <summary>
/// Writes go to <paramref name="head"/>; disposing disposes it and then each of <paramref name="after"/>
/// in order, for nested writers that must be closed innermost-first (literal data, then encryption, then armor).
/// </summary>
public sealed class OwningStream(Stream head, params IDisposable[] after) : WriteOnlyStream
{
    public override void Write(ReadOnlySpan<byte> buffer) => head.Write(buffer);

    public override void Write(byte[] buffer, int offset, int count) => head.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        head.WriteAsync(buffer, cancellationToken);

    public override void Flush() => head.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            head.Dispose();
            foreach (var disposable in after)
            {
                disposable.Dispose();
            }
        }
        base.Dispose(disposing);
    }
}
