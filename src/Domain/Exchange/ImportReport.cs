namespace Courier.Domain.Exchange;

/// <summary>The answer of an import: what changed, or with <see cref="DryRun"/> what would change.</summary>
public sealed record ImportReport(bool DryRun, IReadOnlyList<ImportChange> Changes);
