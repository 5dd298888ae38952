namespace Courier.Domain.Storage;

/// <summary>One word of a name cloud: a value and how many tasks have it.</summary>
public sealed record NameCount(string Name, int Count);
