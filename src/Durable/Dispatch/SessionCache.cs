using System.Collections.Concurrent;

namespace Courier.Durable.Dispatch;

/// <summary>Recently used instance sessions, bounded so memory does not grow with the number of instances.</summary>
internal sealed class SessionCache(int capacity = 2000)
{
    private readonly ConcurrentDictionary<string, InstanceSession> _sessions = new(StringComparer.Ordinal);

    public InstanceSession? Get(string instanceId) => _sessions.TryGetValue(instanceId, out var session) ? session : null;

    public void Put(string instanceId, InstanceSession session)
    {
        if (_sessions.Count >= capacity)
        {
            _sessions.Clear();
        }
        _sessions[instanceId] = session;
    }

    public void Remove(string instanceId) => _sessions.TryRemove(instanceId, out _);
}
