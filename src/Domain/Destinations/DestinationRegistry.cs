namespace Courier.Domain.Destinations;

/// <summary>Every <see cref="IDestination"/> registered with <c>AddDestination&lt;T&gt;()</c>, keyed by kind.</summary>
public sealed class DestinationRegistry : IDestinationRegistry
{
    private readonly Dictionary<string, IDestination> _byKind;

    public DestinationRegistry(IEnumerable<IDestination> destinations)
    {
        _byKind = new Dictionary<string, IDestination>(StringComparer.OrdinalIgnoreCase);
        foreach (var destination in destinations)
        {
            if (!_byKind.TryAdd(destination.Kind, destination))
            {
                throw new InvalidOperationException(
                    $"Two destinations handle kind '{destination.Kind}': {_byKind[destination.Kind].GetType().Name} and {destination.GetType().Name}.");
            }
        }
    }

    public IReadOnlyCollection<string> Kinds => _byKind.Keys;

    public IDestination Get(string kind) =>
        _byKind.TryGetValue(kind, out var destination)
            ? destination
            : throw new KeyNotFoundException($"No destination is registered for kind '{kind}'. Registered: {string.Join(", ", _byKind.Keys.Order())}.");
}
