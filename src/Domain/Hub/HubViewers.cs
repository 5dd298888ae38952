using Courier.Domain.Storage;

namespace Courier.Domain.Hub;

/// <summary>
/// Who a signed-in Hub user is to <see cref="HubStore"/>: their address and the ids of the groups marked
/// "See in the Hub" they belong to (publications record entitled users by address and groups by id, so a
/// group's new members see earlier versions too). Null for an unknown or disabled recipient: they see nothing.
/// </summary>
public sealed class HubViewers(RecipientRepository recipients, GroupRepository groups)
{
    public async Task<HubViewer?> ForAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        Guid? id = null;
        await foreach (var stored in recipients.AllAsync(cancellationToken: cancellationToken))
        {
            if (stored.Value.Enabled && string.Equals(stored.Value.Email, email, StringComparison.OrdinalIgnoreCase))
            {
                id = stored.Value.Id;
                email = stored.Value.Email;
                break;
            }
        }
        if (id is null)
        {
            return null;
        }

        var memberOf = new List<string>();
        await foreach (var stored in groups.AllAsync(cancellationToken: cancellationToken))
        {
            if (stored.Value.CanSeeInHub && stored.Value.MemberIds.Contains(id.Value))
            {
                memberOf.Add(stored.Value.Id.ToString("D"));
            }
        }
        return new HubViewer(email, memberOf);
    }
}
