namespace Courier.Domain.Connectors.Email;

/// <summary>A subject or body template could not be parsed or rendered.</summary>
public sealed class TemplateException : Exception
{
    public TemplateException()
    {
    }

    public TemplateException(string message) : base(message)
    {
    }

    public TemplateException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
