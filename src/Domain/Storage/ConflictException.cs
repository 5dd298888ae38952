namespace Courier.Domain.Storage;

/// <summary>The request conflicts with what is stored (HTTP 409): an id already taken, a resource still in use.</summary>
public class ConflictException : Exception
{
    public ConflictException()
    {
    }

    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
