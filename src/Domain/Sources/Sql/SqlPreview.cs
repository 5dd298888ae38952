namespace Courier.Domain.Sources.Sql;

/// <summary>A query as written, as it will be executed, and the <c>USE</c> statements removed in between.</summary>
public sealed record SqlPreview(string Original, string Executed, IReadOnlyList<string> RemovedStatements);
