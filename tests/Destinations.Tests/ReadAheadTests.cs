using Courier.Domain.Connectors;

namespace Courier.Destinations.Tests;

/// <summary>The read-ahead in front of SFTP uploads: order, bound, failures and cancellation reach the consumer.</summary>
public sealed class ReadAheadTests
{
    private const int Bound = 1024 * 1024;

    [Fact]
    public async Task Hands_over_every_byte_in_order_to_a_blocking_reader()
    {
        var content = new byte[3 * Bound + 12_345];
        Random.Shared.NextBytes(content);
        await using var ahead = ReadAhead.Start(new MemoryStream(content), Bound, default);

        using var received = new MemoryStream();
        await OnOwnThread(() => ahead.Stream.CopyTo(received, 32 * 1024));

        Assert.Equal(content, received.ToArray());
    }

    [Fact]
    public async Task Reads_ahead_up_to_its_bound_while_nobody_consumes()
    {
        var source = new EndlessStream();
        await using var ahead = ReadAhead.Start(source, Bound, default);

        await Eventually.WaitAsync(() => Task.FromResult(source.BytesRead), read => read >= Bound, "the read-ahead to fill");
        // A moment more: a read-ahead that did not stop at its bound would have read on by now.
        await Task.Delay(200);

        Assert.InRange(source.BytesRead, Bound, 2 * Bound);
    }

    [Fact]
    public async Task A_source_failure_reaches_the_reader()
    {
        await using var ahead = ReadAhead.Start(new EndlessStream(stallAfter: 100_000, new IOException("range request failed")), Bound, default);

        var failure = await Assert.ThrowsAsync<IOException>(() => OnOwnThread(() => ahead.Stream.CopyTo(Stream.Null)));

        Assert.Equal("range request failed", failure.Message);
    }

    [Fact]
    public async Task Cancelling_wakes_a_reader_blocked_on_a_silent_source()
    {
        using var cancel = new CancellationTokenSource();
        var source = new EndlessStream(stallAfter: 100_000);
        await using var ahead = ReadAhead.Start(source, Bound, cancel.Token);
        var reading = OnOwnThread(() => ahead.Stream.CopyTo(Stream.Null));
        await Eventually.WaitAsync(() => Task.FromResult(source.BytesRead), read => read == 100_000, "the source to go silent");

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>Runs a blocking reader the way the SFTP upload does: on a thread of its own, not the pool's.</summary>
    private static Task OnOwnThread(Action read)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                read();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }).Start();
        return done.Task;
    }
}
