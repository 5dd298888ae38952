using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Courier.Durable.Hosting;

/// <summary>The orchestrators and activities this process can run, by task name (case-insensitive).</summary>
internal sealed class TaskRegistry
{
    private readonly Dictionary<string, Type> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Type> _activities = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys;

    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;

    public static string NameOf(Type type) => type.GetCustomAttribute<DurableTaskAttribute>()?.Name ?? type.Name;

    public void AddOrchestrator(Type type)
    {
        if (!typeof(ITaskOrchestrator).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"{type.FullName} is not a concrete TaskOrchestrator<TInput, TOutput>.", nameof(type));
        }
        Add(_orchestrators, type, "orchestrator");
    }

    public void AddActivity(Type type)
    {
        if (!typeof(ITaskActivity).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"{type.FullName} is not a concrete TaskActivity<TInput, TOutput>.", nameof(type));
        }
        Add(_activities, type, "activity");
    }

    public ITaskOrchestrator? CreateOrchestrator(IServiceProvider services, string name) =>
        _orchestrators.TryGetValue(name, out var type) ? (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, type) : null;

    public ITaskActivity? CreateActivity(IServiceProvider services, string name) =>
        _activities.TryGetValue(name, out var type) ? (ITaskActivity)ActivatorUtilities.CreateInstance(services, type) : null;

    private static void Add(Dictionary<string, Type> registry, Type type, string kind)
    {
        var name = NameOf(type);
        if (registry.TryGetValue(name, out var existing) && existing != type)
        {
            throw new ArgumentException($"Two {kind}s are named '{name}': {existing.FullName} and {type.FullName}.", nameof(type));
        }
        registry[name] = type;
    }
}
