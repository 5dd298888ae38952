namespace Courier.Domain.Storage;

/// <summary>The ETag sent is not the current one: someone else changed the resource (HTTP 412). Nothing was written.</summary>
public sealed class ConcurrencyException : Exception
{
    public ConcurrencyException()
    {
    }

    public ConcurrencyException(string message)
        : base(message)
    {
    }

    public ConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
