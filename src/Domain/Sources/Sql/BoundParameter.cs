namespace Courier.Domain.Sources.Sql;

/// <summary>A parameter a query refers to and the value it will be bound to (a <see cref="DateOnly"/> or text).</summary>
public sealed record BoundParameter(string Name, object Value);
