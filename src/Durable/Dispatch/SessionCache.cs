using System.Collections.Concurrent;

namespace Courier.Durable.Dispatch;

/// <summary>Recently used instance sessions, bounded so memory does not grow with the number of instances.</summary>
internal sealed class SessionCache(int capacity = 2000)
{
    private readonly ConcurrentDictionary<string, InstanceSession> _sessions = new(StringComparer.Ordinal);

    public InstanceSession? Get(string instanceId) => _sessions.TryGetValue(instanceId, out var session) ? session : null;

    /// <summary>Stores a session; returns the sessions dropped to make room (their owner settles what they still hold).</summary>
    public List<InstanceSession> Put(string instanceId, InstanceSession session)
    {
        List<InstanceSession> evicted = [];
        if (_sessions.Count >= capacity && !_sessions.ContainsKey(instanceId))
        {
            foreach (var key in _sessions.Keys)
            {
                if (_sessions.TryRemove(key, out var old))
                {
                    evicted.Add(old);
                }
            }
        }
        _sessions[instanceId] = session;
        return evicted;
    }

    public void Remove(string instanceId) => _sessions.TryRemove(instanceId, out _);

    /// <summary>Removes and returns every session whose instance matches (a partition handed over, or shutdown).</summary>
    public List<InstanceSession> RemoveWhere(Func<string, bool> matches)
    {
        List<InstanceSession> removed = [];
        foreach (var key in _sessions.Keys.Where(matches))
        {
            if (_sessions.TryRemove(key, out var session))
            {
                removed.Add(session);
            }
        }
        return removed;
    }
}
