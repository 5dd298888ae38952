namespace Courier.Domain.Destinations.Email;

/// <summary>Turns recipient entries (addresses, "group:Name") into addresses. The domain's recipient store implements it.</summary>
public interface IRecipientDirectory
{
    Task<IReadOnlyList<string>> ExpandAsync(IEnumerable<string> entries, CancellationToken cancellationToken);
}
