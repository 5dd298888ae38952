namespace Courier.Domain.Pipeline.Streams;

/// <summary>Passes writes through but never closes the inner stream, for writers (armor, zip) that close what they wrap.</summary>
public sealed class LeaveOpenStream(Stream inner) : WriteOnlyStream
{
    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
}
