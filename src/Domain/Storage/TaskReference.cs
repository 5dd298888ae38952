namespace Courier.Domain.Storage;

/// <summary>A task named in a list (in-use checks, bulk results).</summary>
public sealed record TaskReference(Guid Id, string Name, Guid ProjectId, bool Enabled);
