namespace Courier.Functions.Http;

/// <summary>An update or delete came without If-Match (HTTP 428): Courier never overwrites blindly.</summary>
public sealed class PreconditionRequiredException : Exception
{
    public PreconditionRequiredException()
        : base("If-Match is required: send the ETag of the version you read (or * to overwrite).")
    {
    }

    public PreconditionRequiredException(string message)
        : base(message)
    {
    }

    public PreconditionRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
