namespace Courier.Domain.Exchange;

/// <summary>What an import does (or would do, in a dry run) to one resource.</summary>
public enum ImportAction
{
    Create,
    Update,
    Unchanged,
}
