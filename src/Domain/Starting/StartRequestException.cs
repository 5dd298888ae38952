namespace Courier.Domain.Starting;

/// <summary>
/// A start request that cannot be understood. <see cref="Error"/> and <see cref="Details"/> are the
/// <c>{ error, details }</c> of the start API's error answer; <see cref="Field"/> names what was wrong.
/// </summary>
public sealed class StartRequestException : Exception
{
    public StartRequestException(string error, string details, string field) : base($"{error}: {details}")
    {
        Error = error;
        Details = details;
        Field = field;
    }

    public StartRequestException()
    {
        Error = Details = Field = "";
    }

    public StartRequestException(string message, Exception innerException) : base(message, innerException)
    {
        Error = Details = Field = "";
    }

    public string Error { get; }

    public string Details { get; }

    public string Field { get; }

    public static StartRequestException InvalidTaskId(string field) =>
        new("Invalid task ID format", "Task ID must be a valid GUID", field);

    public static StartRequestException InvalidBody(string details, string field) =>
        new("Invalid request body", details, field);
}
