namespace Courier.Domain.Sources;

/// <summary>A source failed in a way the task's owner can act on; the message is safe for the run log (no secrets).</summary>
public sealed class SourceException : Exception
{
    public SourceException(string message) : base(message)
    {
    }

    public SourceException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public SourceException()
    {
    }
}
