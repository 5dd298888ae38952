namespace Courier.Domain.Starting;

/// <summary>The three ways a start request names tasks.</summary>
public enum SelectorKind
{
    TaskId,
    Tag,
    CustomProperty,
}
