namespace Courier.Durable.Storage;

/// <summary>The sentinel ETag changed under us: another worker committed first, so this episode's results are void.</summary>
internal sealed class CommitConflictException : Exception
{
    public CommitConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CommitConflictException(string message)
        : base(message)
    {
    }

    public CommitConflictException()
    {
    }
}
