using Courier.Domain.Model;
using Courier.Domain.Sources;
using Courier.Domain.Storage;

namespace Courier.Domain.Reports;

/// <summary>Connections a run uses, with their secrets decrypted by the repository; a missing one is a clear error.</summary>
public sealed class StoredConnections(ConnectionRepository repository)
{
    /// <param name="purpose">What the connection is for, named in the error when it is missing.</param>
    public async Task<Connection> GetAsync(Guid id, string purpose, CancellationToken cancellationToken)
    {
        var stored = await repository.GetAsync(id, cancellationToken);
        return stored?.Value ?? throw new SourceException($"The {purpose} connection {id} does not exist (it may have been deleted).");
    }
}
