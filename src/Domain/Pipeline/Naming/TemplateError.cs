namespace Courier.Domain.Pipeline.Naming;

/// <summary>A problem in a file-name template, at a 1-based character position.</summary>
public sealed record TemplateError(int Position, string Message)
{
    public override string ToString() => $"{Message} (at character {Position})";
}
