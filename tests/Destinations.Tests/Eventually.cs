namespace Courier.Destinations.Tests;

/// <summary>Waits for a condition with a deadline (never a bare sleep), failing with what was last seen.</summary>
internal static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last seen: {value}");
            }
            await Task.Delay(100);
        }
    }
}
