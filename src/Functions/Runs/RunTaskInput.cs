namespace Courier.Functions.Runs;

/// <summary>What a run orchestration starts from: which task, which run, and who asked.</summary>
public sealed record RunTaskInput(string RunId, Guid TaskId, string TriggerKind, string TriggeredBy);
