namespace Courier.Domain.Starting;

/// <summary>A parsed start request: its form, its selectors in request order, and its options.</summary>
public sealed record StartSelection(
    StartRequestForm Form,
    IReadOnlyList<TaskSelector> Selectors,
    bool AllTaskIdsMustExist);
