namespace Courier.Domain.Destinations;

/// <summary>Finds the destination for a kind; the orchestrator knows nothing else about destinations.</summary>
public interface IDestinationRegistry
{
    IReadOnlyCollection<string> Kinds { get; }

    // "Get" is the name the orchestrator code uses; VB's reserved word does not matter to us.
#pragma warning disable CA1716
    IDestination Get(string kind);
#pragma warning restore CA1716
}
