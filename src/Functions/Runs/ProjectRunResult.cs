namespace Courier.Functions.Runs;

/// <summary>How each task of a project run ended (the project run's output).</summary>
public sealed record ProjectRunResult(IReadOnlyList<ProjectTaskOutcome> Tasks);
