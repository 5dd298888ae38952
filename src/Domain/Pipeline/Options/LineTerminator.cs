namespace Courier.Domain.Pipeline.Options;

/// <summary>The characters written after each record.</summary>
public enum LineTerminator
{
    CrLf,
    Lf,
    Cr,
}
