namespace Courier.Domain.Model;

/// <summary>How a condition compares its measured value with the expected one.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
}
