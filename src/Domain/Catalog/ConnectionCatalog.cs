using Azure.Data.Tables;
using Courier.Domain.Model;
using Courier.Domain.Storage;
using Courier.Domain.Validation;

namespace Courier.Domain.Catalog;

/// <summary>Connections as the API and the UI change them: secrets are write-only and merged on update.</summary>
public sealed class ConnectionCatalog(ConnectionRepository connections, TaskCatalog tasks)
{
    public ConnectionRepository Repository => connections;

    public async Task<Stored<Connection>> CreateAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection = connection with
        {
            Id = connection.Id == Guid.Empty ? Guid.NewGuid() : connection.Id,
            Secrets = SecretMerge.Merge(new ConnectionSecrets(), connection.Secrets),
        };
        ValidationException.ThrowIfAny(ConnectionValidator.Validate(connection));
        return await connections.CreateAsync(connection, cancellationToken);
    }

    public Task<Stored<Connection>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        connections.GetRequiredAsync(id, cancellationToken);

    public Task<ResultPage<Stored<Connection>>> ListAsync(ConnectionKind? kind, string? nameContains, int pageSize, string? continuationToken, CancellationToken cancellationToken = default) =>
        connections.ListAsync(
            kind is null ? null : TableClient.CreateQueryFilter($"Kind eq {kind.ToString()}"),
            nameContains is null ? null : row => (row.GetString("Name") ?? "").Contains(nameContains, StringComparison.OrdinalIgnoreCase),
            pageSize,
            continuationToken,
            cancellationToken);

    /// <summary>
    /// Replaces settings; a secret left out (null) keeps its stored value, an empty string clears it.
    /// </summary>
    public async Task<Stored<Connection>> UpdateAsync(Connection connection, string ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var current = await connections.GetRequiredAsync(connection.Id, cancellationToken);
        if (ifMatch != "*" && ifMatch != current.ETag)
        {
            throw new ConcurrencyException($"Connection {connection.Id} was changed by someone else; read it again.");
        }

        var merged = connection with { Secrets = SecretMerge.Merge(current.Value.Secrets, connection.Secrets) };
        ValidationException.ThrowIfAny(ConnectionValidator.Validate(merged));
        return await connections.ReplaceAsync(merged, current.ETag, cancellationToken);
    }

    /// <summary>
    /// Deletes a connection. When tasks use it the delete is refused with their list, unless
    /// <paramref name="force"/>: then those tasks are disabled first and returned.
    /// </summary>
    public async Task<IReadOnlyList<TaskReference>> DeleteAsync(Guid id, string ifMatch, bool force, CancellationToken cancellationToken = default)
    {
        var current = await connections.GetRequiredAsync(id, cancellationToken);
        if (ifMatch != "*" && ifMatch != current.ETag)
        {
            throw new ConcurrencyException($"Connection {id} was changed by someone else; read it again.");
        }

        var users = await tasks.Repository.UsingConnectionAsync(id, cancellationToken);
        if (users.Count > 0 && !force)
        {
            throw new ResourceInUseException(users);
        }

        foreach (var user in users)
        {
            await tasks.SetEnabledAsync(user.Id, enabled: false, cancellationToken);
        }

        await connections.DeleteAsync(id, current.ETag, cancellationToken);
        return [.. users.Select(u => u with { Enabled = false })];
    }

    public Task<int> RotateSecretsAsync(CancellationToken cancellationToken = default) =>
        connections.RotateSecretsAsync(cancellationToken);
}
