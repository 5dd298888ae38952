using Courier.Domain.Model;
using Courier.Domain.Storage;
using Courier.Domain.Validation;

namespace Courier.Domain.Catalog;

/// <summary>Recipients and groups as the API and the UI change them.</summary>
public sealed class RecipientCatalog(RecipientRepository recipients, GroupRepository groups)
{
    public RecipientRepository Recipients => recipients;

    public GroupRepository Groups => groups;

    public async Task<Stored<Recipient>> CreateAsync(Recipient recipient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        recipient = recipient with { Id = recipient.Id == Guid.Empty ? Guid.NewGuid() : recipient.Id };
        ValidationException.ThrowIfAny(RecipientValidator.Validate(recipient));
        return await recipients.CreateAsync(recipient, cancellationToken);
    }

    public async Task<Stored<Recipient>> UpdateAsync(Recipient recipient, string ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ValidationException.ThrowIfAny(RecipientValidator.Validate(recipient));
        return await recipients.ReplaceAsync(recipient, ifMatch, cancellationToken);
    }

    public async Task<Stored<RecipientGroup>> CreateAsync(RecipientGroup group, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        group = group with { Id = group.Id == Guid.Empty ? Guid.NewGuid() : group.Id };
        var known = await recipients.IdsAsync(cancellationToken);
        ValidationException.ThrowIfAny(RecipientValidator.Validate(group, known.Contains));
        return await groups.CreateAsync(group, cancellationToken);
    }

    public async Task<Stored<RecipientGroup>> UpdateAsync(RecipientGroup group, string ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        var known = await recipients.IdsAsync(cancellationToken);
        ValidationException.ThrowIfAny(RecipientValidator.Validate(group, known.Contains));
        return await groups.ReplaceAsync(group, ifMatch, cancellationToken);
    }

    public static Func<Azure.Data.Tables.TableEntity, bool>? NameFilter(string? nameContains) =>
        nameContains is null ? null : row => (row.GetString("Name") ?? "").Contains(nameContains, StringComparison.OrdinalIgnoreCase);
}
