namespace Courier.Domain.Pipeline.Options;

/// <summary>Encrypt the file for a stored OpenPGP public key; the file name gets <c>.gpg</c> appended.</summary>
/// <param name="KeyConnectionId">The id of the "gpg key" connection holding the armored public key.</param>
/// <param name="Armor">ASCII-armored output (<c>.asc</c> instead of <c>.gpg</c>).</param>
public sealed record PgpOptions(string KeyConnectionId, bool Armor = false)
{
    public IReadOnlyList<OptionError> Validate() =>
        string.IsNullOrWhiteSpace(KeyConnectionId)
            ? [new(nameof(KeyConnectionId), "A public key connection is required.")]
            : [];
}
