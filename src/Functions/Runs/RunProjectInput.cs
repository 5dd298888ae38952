namespace Courier.Functions.Runs;

/// <summary>What a project run starts from: which project, the project run's id, and who asked.</summary>
public sealed record RunProjectInput(string RunId, Guid ProjectId, string TriggerKind, string TriggeredBy);
