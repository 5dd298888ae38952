using System.Security.Claims;
using System.Text.Encodings.Web;
using Courier.Domain.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Courier.Functions.Auth;

/// <summary>
/// Authenticates the key in <c>x-functions-key</c> or <c>?code=</c>: the configured bootstrap key,
/// else a stored key looked up by id and checked against its hash. Answers 401 and 403 as ProblemDetails.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    IOptionsMonitor<BootstrapKeyOptions> bootstrap,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Anonymous routes (/healthz) must answer even when storage, which stored keys live in, is down.
        if (Context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return AuthenticateResult.NoResult();
        }
        var presented = PresentedKey();
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }
        if (bootstrap.CurrentValue.BootstrapAdminKey is { Length: > 0 } bootstrapKey
            && ApiKeySecret.Matches(presented, ApiKeySecret.Hash(bootstrapKey)))
        {
            return Success(ApiKeyDefaults.BootstrapKeyId, "bootstrap admin key", ApiScope.Admin);
        }
        var key = await keys.FindValidAsync(presented, Context.RequestAborted);
        return key is null
            ? AuthenticateResult.Fail("The API key is not valid or has been revoked.")
            : Success(key.Id, key.Name, key.Scope);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure is null
            ? $"This route needs an API key: send it in the {ApiKeyDefaults.HeaderName} header or the {ApiKeyDefaults.QueryName} query parameter."
            : result.Failure.Message;
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var granted = Context.User.FindFirstValue(ApiKeyDefaults.ScopeClaim) ?? "none";
        var required = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<RequiredScopeMetadata>()
            .Select(m => ApiScopeNames.Of(m.Scope)).ToArray() ?? [];
        var needs = required.Length > 0 ? $"needs the {string.Join(" and ", required)} scope" : "is not allowed";
        return WriteProblemAsync(
            StatusCodes.Status403Forbidden, "Forbidden", $"This route {needs}; the key's scope is {granted}.");
    }

    private string? PresentedKey()
    {
        var header = Request.Headers[ApiKeyDefaults.HeaderName].ToString();
        if (header.Length > 0)
        {
            return header;
        }
        var query = Request.Query[ApiKeyDefaults.QueryName].ToString();
        return query.Length > 0 ? query : null;
    }

    private AuthenticateResult Success(string keyId, string name, ApiScope scope)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ApiKeyDefaults.KeyIdClaim, keyId),
                new Claim(ClaimTypes.Name, name),
                new Claim(ApiKeyDefaults.ScopeClaim, ApiScopeNames.Of(scope)),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
