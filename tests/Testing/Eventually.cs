namespace Courier.Testing;

/// <summary>Waits for a condition with a deadline (never a bare sleep); the failure says what was awaited and what was seen.</summary>
public static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        using var deadline = new CancellationTokenSource(timeout);
        var last = await probe();
        while (!done(last))
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}; last seen: {last?.ToString() ?? "nothing"}.");
            }
            await Task.Delay(100, CancellationToken.None);
            last = await probe();
        }
        return last;
    }
}
