namespace Courier.Functions.Http;

public sealed record HealthResponse(string Status, StorageReport Storage);
