namespace Courier.Durable.Dispatch;

/// <summary>Adaptive polling: fast while messages flow, doubling up to a ceiling while a queue stays empty.</summary>
internal sealed class PollingBackoff(TimeSpan min, TimeSpan max)
{
    private TimeSpan _current = TimeSpan.Zero;

    public void Reset() => _current = TimeSpan.Zero;

    public TimeSpan Next()
    {
        _current = _current == TimeSpan.Zero ? min : TimeSpan.FromTicks(Math.Min(max.Ticks, _current.Ticks * 2));
        return _current;
    }
}
