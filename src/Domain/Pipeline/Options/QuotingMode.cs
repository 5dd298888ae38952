namespace Courier.Domain.Pipeline.Options;

/// <summary>When a delimited field is wrapped in the quote character (the four modes of Python's csv module).</summary>
public enum QuotingMode
{
    /// <summary>Only fields that contain the delimiter, the quote character, CR or LF.</summary>
    Minimal,

    /// <summary>Every field, headers included.</summary>
    All,

    /// <summary>Every field whose column is not numeric; numbers and nulls are written bare.</summary>
    NonNumeric,

    /// <summary>Never. A value that would need quoting fails the run rather than corrupting the file.</summary>
    None,
}
