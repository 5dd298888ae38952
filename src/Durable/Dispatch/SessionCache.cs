using System.Collections.Concurrent;

namespace Courier.Durable.Dispatch;

/// <summary>
/// Recently used instance sessions, bounded so memory does not grow with the number of instances.
/// When full it drops the least recently used eighth. Dropping everything (as it once did) sent every
/// running instance back to a cold history load at once, with its outbox deleted twice (by the settling
/// of the dropped session and by the reloaded one); dropping one at a time would scan the whole cache
/// on every episode once it is full.
/// </summary>
internal sealed class SessionCache(int capacity = Hosting.DurableOptions.DefaultMaxCachedSessions)
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private long _clock;

    public InstanceSession? Get(string instanceId)
    {
        if (!_sessions.TryGetValue(instanceId, out var entry))
        {
            return null;
        }
        entry.LastUsed = Interlocked.Increment(ref _clock);
        return entry.Session;
    }

    /// <summary>Stores a session; returns the sessions dropped to make room (their owner settles what they still hold).</summary>
    public List<InstanceSession> Put(string instanceId, InstanceSession session)
    {
        List<InstanceSession> evicted = [];
        if (_sessions.Count >= capacity && !_sessions.ContainsKey(instanceId))
        {
            foreach (var oldest in _sessions.OrderBy(p => p.Value.LastUsed).Take(Math.Max(1, capacity / 8)).ToList())
            {
                // Only if unchanged: an episode may have stored a fresh session under that id meanwhile.
                if (_sessions.TryRemove(oldest))
                {
                    evicted.Add(oldest.Value.Session);
                }
            }
        }
        _sessions[instanceId] = new Entry(session) { LastUsed = Interlocked.Increment(ref _clock) };
        return evicted;
    }

    public void Remove(string instanceId) => _sessions.TryRemove(instanceId, out _);

    /// <summary>Removes and returns every session whose instance matches (a partition handed over, or shutdown).</summary>
    public List<InstanceSession> RemoveWhere(Func<string, bool> matches)
    {
        List<InstanceSession> removed = [];
        foreach (var key in _sessions.Keys.Where(matches))
        {
            if (_sessions.TryRemove(key, out var entry))
            {
                removed.Add(entry.Session);
            }
        }
        return removed;
    }

    private sealed class Entry(InstanceSession session)
    {
        public InstanceSession Session { get; } = session;

        public long LastUsed { get; set; }
    }
}
