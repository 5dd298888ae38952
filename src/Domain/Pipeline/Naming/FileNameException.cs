namespace Courier.Domain.Pipeline.Naming;

/// <summary>A template that cannot be parsed, or a rendered name that is not a safe file name.</summary>
public sealed class FileNameException : Exception
{
    public FileNameException()
    {
    }

    public FileNameException(string message)
        : base(message)
    {
    }

    public FileNameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FileNameException(IReadOnlyList<TemplateError> errors)
        : base(string.Join("; ", errors)) => Errors = errors;

    public IReadOnlyList<TemplateError> Errors { get; } = [];
}
