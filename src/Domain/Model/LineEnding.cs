namespace Courier.Domain.Model;

/// <summary>The line terminator written after each line of a text output.</summary>
public enum LineEnding
{
    Lf,
    CrLf,
}
