namespace Courier.Domain.Pipeline.Steps.Pgp;

/// <summary>Where stored OpenPGP public keys come from (the "gpg key" connections); implemented by the connection store.</summary>
public interface IPublicKeySource
{
    /// <summary>The ASCII-armored public key (or key ring) of connection <paramref name="keyConnectionId"/>.</summary>
    Task<string> GetArmoredPublicKeyAsync(string keyConnectionId, CancellationToken cancellationToken);
}
