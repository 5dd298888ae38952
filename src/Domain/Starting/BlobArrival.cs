namespace Courier.Domain.Starting;

/// <summary>
/// A blob that started a run (a <c>blobCreated</c> trigger): the run reads it as the source of the
/// task's remote-file reports on that connection, instead of their configured path.
/// </summary>
public sealed record BlobArrival(Guid ConnectionId, string BlobName);
