namespace Courier.Domain.Catalog;

/// <summary>What a bulk operation did to one item.</summary>
public enum BulkStatus
{
    Updated,
    Unchanged,
    NotFound,
}
