namespace Courier.Domain.Exchange;

/// <summary>The text format of a project export.</summary>
public enum ExchangeFormat
{
    Json,
    Yaml,
}
