using Courier.Domain.Pipeline.Steps.Pgp;

namespace Courier.Domain.Pipeline.Steps;

/// <summary>Encrypts the file for the stored public key (after the line suffix, before zip); the name gets <c>.gpg</c> (<c>.asc</c> when armored).</summary>
public sealed class PgpEncryptStep(IPublicKeySource keys) : IFileStep
{
    public int Order => 200;

    public bool AppliesTo(StepContext context) => context?.Options.Pgp is not null;

    public string Rename(string name, StepContext context) =>
        name + (context?.Options.Pgp?.Armor == true ? ".asc" : ".gpg");

    public async Task<Stream> OpenAsync(Stream destination, string inputName, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pgp = context.Options.Pgp ?? throw new InvalidOperationException("PGP is not configured for this file.");
        var armored = await keys.GetArmoredPublicKeyAsync(pgp.KeyConnectionId, cancellationToken);
        var key = PgpRecipient.FindEncryptionKey(armored);
        return PgpEncryptor.Open(destination, key, inputName, context.Naming.Now.UtcDateTime, pgp.Armor);
    }
}
