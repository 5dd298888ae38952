namespace Courier.Domain.Validation;

/// <summary>
/// One broken rule: the JSON path of the field (e.g. <c>reports[0].output.fileNameTemplate</c>) and
/// the rule in words. Rules never repeat the submitted value, so a secret cannot leak through one.
/// </summary>
public sealed record ValidationError(string Field, string Rule);
