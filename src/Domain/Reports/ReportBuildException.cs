namespace Courier.Domain.Reports;

/// <summary>Building a report failed; the message names the report and the stage, and holds no secret.</summary>
public sealed class ReportBuildException : Exception
{
    public ReportBuildException(string message) : base(message)
    {
    }

    public ReportBuildException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ReportBuildException()
    {
    }
}
