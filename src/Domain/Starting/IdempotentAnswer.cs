namespace Courier.Domain.Starting;

/// <summary>The first answer given to a request with an Idempotency-Key, replayed for every repeat.</summary>
public sealed record IdempotentAnswer(int StatusCode, string Body);
