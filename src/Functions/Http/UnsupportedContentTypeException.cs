namespace Courier.Functions.Http;

/// <summary>The body is not in a media type the endpoint reads (HTTP 415 naming Content-Type).</summary>
public sealed class UnsupportedContentTypeException : Exception
{
    public UnsupportedContentTypeException()
        : this("application/json")
    {
    }

    public UnsupportedContentTypeException(string expected)
        : base($"Content-Type must be {expected}.")
    {
        Expected = expected;
    }

    public UnsupportedContentTypeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expected = "application/json";
    }

    public string Expected { get; }
}
