namespace Courier.Domain.Validation;

/// <summary>Collects errors under a field-path prefix; <see cref="At"/> and <see cref="Item"/> descend.</summary>
public sealed class FieldErrors
{
    private readonly List<ValidationError> _errors;
    private readonly string _prefix;

    public FieldErrors()
        : this([], "")
    {
    }

    private FieldErrors(List<ValidationError> errors, string prefix)
    {
        _errors = errors;
        _prefix = prefix;
    }

    public IReadOnlyList<ValidationError> Errors => _errors;

    public FieldErrors At(string field) => new(_errors, Path(field));

    public FieldErrors Item(string field, int index) => new(_errors, Path(field) + $"[{index}]");

    public void Add(string field, string rule) => _errors.Add(new ValidationError(Path(field), rule));

    /// <summary>An error on the field this collector stands for.</summary>
    public void AddHere(string rule) => _errors.Add(new ValidationError(_prefix, rule));

    private string Path(string field) =>
        _prefix.Length == 0 ? field : field.Length == 0 ? _prefix : $"{_prefix}.{field}";
}
