namespace Courier.Durable.Storage;

/// <summary>A message committed with the history and sent after the commit (the transactional outbox).</summary>
internal sealed record OutboxMessage(string Queue, string Body, DateTimeOffset? VisibleAt);
