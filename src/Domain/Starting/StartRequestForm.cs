namespace Courier.Domain.Starting;

/// <summary>Which body shape the caller used; the answer comes back in the same shape.</summary>
public enum StartRequestForm
{
    /// <summary><c>{ "taskId": [], "tag": [], "customProperty": [{name, value}] }</c> (Courier's primary form).</summary>
    Courier,

    /// <summary>Butler's array of <c>{ type, payload }</c> items, so existing Butler callers work unchanged.</summary>
    Butler,
}
