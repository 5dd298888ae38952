namespace Courier.Domain.Connectors;

/// <summary>
/// A password, key or token. Its <see cref="ToString"/> never shows the value, so a settings record
/// that holds one can be logged, formatted into an exception or serialized by mistake without leaking.
/// </summary>
public sealed class Secret : IEquatable<Secret>
{
    private readonly string _value;

    public Secret(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The value, for handing to a client library at the moment of use.</summary>
    public string Reveal() => _value;

    public override string ToString() => "***";

    public bool Equals(Secret? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Secret);

    public override int GetHashCode() => _value.GetHashCode(StringComparison.Ordinal);
}
