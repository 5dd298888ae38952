namespace Courier.Domain.Model;

/// <summary>Which fields of delimited text are quoted.</summary>
public enum QuoteMode
{
    /// <summary>Only fields that need it (delimiter, quote or line break inside).</summary>
    Minimal,
    All,
    NonNumeric,
    None,
}
