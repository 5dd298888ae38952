namespace Courier.Durable;

/// <summary>Names an orchestrator or activity explicitly; without it the class name is the task name.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DurableTaskAttribute : Attribute
{
    public DurableTaskAttribute(string name)
    {
        Name = name;
    }

    public string Name { get; }
}
