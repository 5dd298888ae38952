namespace Courier.Functions.Tests.Api;

/// <summary>One bad request and the field its ProblemDetails must name.</summary>
public sealed record MalformedCase(string Name, HttpMethod Method, string Path, string? Body, string Field, string ContentType = "application/json", string? IfMatch = null)
{
    public override string ToString() => $"{Name}: {Method} {Path}";
}
