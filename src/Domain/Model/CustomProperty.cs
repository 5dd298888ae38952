namespace Courier.Domain.Model;

/// <summary>A name/value pair used to select tasks (Butler's custom properties) and to filter lists.</summary>
public sealed record CustomProperty
{
    public required string Name { get; init; }

    public required string Value { get; init; }
}
