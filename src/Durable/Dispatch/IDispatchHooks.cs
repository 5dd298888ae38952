namespace Courier.Durable.Dispatch;

/// <summary>Test seam: called at each crash point so tests can kill the process or pause a worker there.</summary>
internal interface IDispatchHooks
{
    Task OnAsync(CrashPoint point, string instanceId);
}

/// <summary>The production hooks: nothing.</summary>
internal sealed class NoDispatchHooks : IDispatchHooks
{
    public Task OnAsync(CrashPoint point, string instanceId) => Task.CompletedTask;
}
