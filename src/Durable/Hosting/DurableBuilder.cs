namespace Courier.Durable.Hosting;

/// <summary>Registers orchestrators and activities: <c>services.AddDurable(b => b.AddOrchestrator&lt;T&gt;().AddActivity&lt;T&gt;())</c>.</summary>
public sealed class DurableBuilder
{
    internal DurableBuilder(TaskRegistry registry)
    {
        Registry = registry;
    }

    internal TaskRegistry Registry { get; }

    public DurableBuilder AddOrchestrator<T>() where T : class
    {
        Registry.AddOrchestrator(typeof(T));
        return this;
    }

    public DurableBuilder AddActivity<T>() where T : class
    {
        Registry.AddActivity(typeof(T));
        return this;
    }
}
