using Courier.Domain.Security;

namespace Courier.Functions.Auth;

/// <summary>
/// Endpoint metadata naming the scope a route needs. The authorization policy enforces it; the
/// route-table test and the 403 message read it.
/// </summary>
public sealed record RequiredScopeMetadata(ApiScope Scope);
