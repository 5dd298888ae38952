namespace Courier.Functions.Runs;

/// <summary>
/// A project run's tasks in stages: parallel mode is one stage holding every enabled task; series mode is
/// one stage per task by rank then name (or per rank, when equal ranks run together). A stage starts when
/// the previous one has ended without a failure.
/// </summary>
public sealed record ProjectPlan(string ProjectName, IReadOnlyList<IReadOnlyList<PlannedRun>> Stages);
