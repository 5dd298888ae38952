using Courier.Domain.Model;
using Courier.Domain.Storage;

namespace Courier.Domain.Delivery;

/// <summary>
/// Recipients and groups referenced by a task (its files, its Hub publications, its notifications) as the
/// enabled recipients they stand for: each once, direct recipients first, then group members in group order.
/// </summary>
public sealed class RecipientAddresses(RecipientRepository recipients, GroupRepository groups)
{
    public async Task<IReadOnlyList<Recipient>> ResolveAsync(IEnumerable<Guid> recipientIds, IEnumerable<Guid> groupIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipientIds);
        var ids = new List<Guid>(recipientIds);
        foreach (var group in await GroupsAsync(groupIds, cancellationToken))
        {
            ids.AddRange(group.MemberIds);
        }

        var resolved = new List<Recipient>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in ids.Distinct())
        {
            var recipient = (await recipients.GetAsync(id, cancellationToken))?.Value
                ?? throw new KeyNotFoundException($"Recipient {id} no longer exists.");
            if (recipient.Enabled && seen.Add(recipient.Email))
            {
                resolved.Add(recipient);
            }
        }
        return resolved;
    }

    public async Task<IReadOnlyList<string>> AddressesAsync(IEnumerable<Guid> recipientIds, IEnumerable<Guid> groupIds, CancellationToken cancellationToken) =>
        (await ResolveAsync(recipientIds, groupIds, cancellationToken)).Select(r => r.Email).ToList();

    public async Task<IReadOnlyList<RecipientGroup>> GroupsAsync(IEnumerable<Guid> groupIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupIds);
        var found = new List<RecipientGroup>();
        foreach (var id in groupIds.Distinct())
        {
            found.Add((await groups.GetAsync(id, cancellationToken))?.Value
                ?? throw new KeyNotFoundException($"Recipient group {id} no longer exists."));
        }
        return found;
    }
}
