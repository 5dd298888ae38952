namespace Courier.Domain.Model;

/// <summary>A user-defined resource stored by id (project, task, connection, recipient, group).</summary>
public interface IResource
{
    Guid Id { get; }

    string Name { get; }
}
