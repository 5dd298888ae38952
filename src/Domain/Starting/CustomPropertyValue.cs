namespace Courier.Domain.Starting;

/// <summary>A custom property name and one of its values, as tasks carry them and callers select by them.</summary>
public sealed record CustomPropertyValue(string Name, string Value);
