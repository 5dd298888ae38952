namespace Courier.Domain.Pipeline.Options;

/// <summary>A setting that cannot be used: the field it concerns and why, for a ProblemDetails response.</summary>
public sealed record OptionError(string Field, string Message);
