namespace Courier.Domain.Validation;

/// <summary>Thrown by the catalog when a resource breaks rules; the API turns it into a 400 ProblemDetails.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException(IReadOnlyList<ValidationError> errors)
        : base("Validation failed: " + string.Join("; ", (errors ?? []).Select(e => $"{e.Field}: {e.Rule}")))
    {
        Errors = errors ?? [];
    }

    public ValidationException()
        : this([])
    {
    }

    public ValidationException(string message)
        : this([new ValidationError("", message)])
    {
    }

    public ValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ValidationError("", message)];
    }

    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>Throws when <paramref name="errors"/> is not empty.</summary>
    public static void ThrowIfAny(IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }
}
