using Courier.Domain.Destinations;

namespace Courier.Domain.Delivery;

/// <summary>A destination together with the caller's stable reference to it (kept on delivery records).</summary>
public sealed record DestinationReference(string Ref, DestinationSettings Settings);
