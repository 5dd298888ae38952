namespace Courier.Domain.Storage;

/// <summary>A connection (or other resource) cannot be deleted because tasks use it (HTTP 409 with the tasks).</summary>
public sealed class ResourceInUseException : ConflictException
{
    public ResourceInUseException(IReadOnlyList<TaskReference> tasks)
        : base($"In use by {tasks?.Count ?? 0} task(s); delete with force=true to disable them.")
    {
        Tasks = tasks ?? [];
    }

    public ResourceInUseException()
        : this([])
    {
    }

    public ResourceInUseException(string message)
        : base(message)
    {
        Tasks = [];
    }

    public ResourceInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Tasks = [];
    }

    public IReadOnlyList<TaskReference> Tasks { get; }
}
