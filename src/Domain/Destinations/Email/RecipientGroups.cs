namespace Courier.Domain.Destinations.Email;

/// <summary>An in-memory <see cref="IRecipientDirectory"/>: fixed groups, addresses passed through, duplicates removed.</summary>
public sealed class RecipientGroups(IReadOnlyDictionary<string, IReadOnlyList<string>> groups) : IRecipientDirectory
{
    public const string GroupPrefix = "group:";

    public static RecipientGroups Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    public Task<IReadOnlyList<string>> ExpandAsync(IEnumerable<string> entries, CancellationToken cancellationToken)
    {
        var addresses = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (entry.StartsWith(GroupPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var name = entry[GroupPrefix.Length..];
                if (!groups.TryGetValue(name, out var members))
                {
                    throw new KeyNotFoundException($"Recipient group '{name}' does not exist.");
                }
                addresses.AddRange(members.Where(seen.Add));
            }
            else if (seen.Add(entry))
            {
                addresses.Add(entry);
            }
        }
        return Task.FromResult<IReadOnlyList<string>>(addresses);
    }
}
