namespace Courier.Functions.Http;

/// <summary>How many connections a key rotation re-encrypted.</summary>
public sealed record RotationResponse(int Rotated);
