namespace Courier.Domain.Pipeline.Options;

/// <summary>The file format a task's rows are written in.</summary>
public enum OutputFormat
{
    Delimited,
    Xlsx,
    JsonLines,
}
