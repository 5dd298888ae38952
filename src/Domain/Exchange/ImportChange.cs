namespace Courier.Domain.Exchange;

/// <summary>One resource of an import: <c>project</c> or <c>task</c>, the action, and the top-level fields that differ.</summary>
public sealed record ImportChange(string Resource, Guid Id, string Name, ImportAction Action, IReadOnlyList<string> ChangedFields);
