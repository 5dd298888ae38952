using Courier.Domain.Pipeline.Steps.Pgp;

namespace Courier.Pipeline.Tests;

/// <summary>Stored public keys by connection id, as the connection store will hand them to the PGP step.</summary>
internal sealed class KeySource(Dictionary<string, string> keys) : IPublicKeySource
{
    public Task<string> GetArmoredPublicKeyAsync(string keyConnectionId, CancellationToken cancellationToken) =>
        Task.FromResult(keys[keyConnectionId]);
}
