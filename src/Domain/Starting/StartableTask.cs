using Courier.Domain.Model;

namespace Courier.Domain.Starting;

/// <summary>What the start API needs to know about a task to select, allow and report it.</summary>
public sealed record StartableTask(
    Guid Id,
    string Name,
    bool Enabled,
    IReadOnlyList<string> Tags,
    IReadOnlyList<CustomProperty> CustomProperties);
