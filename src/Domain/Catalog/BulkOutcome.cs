namespace Courier.Domain.Catalog;

/// <summary>One item of a bulk operation's answer.</summary>
public sealed record BulkOutcome(Guid Id, BulkStatus Status);
