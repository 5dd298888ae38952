using Courier.Domain.Security;
using Courier.Functions.Auth;

namespace Courier.Functions.Http;

/// <summary>
/// The extension point for REST endpoints. A new endpoint file adds one line to Program.cs
/// (<c>api.MapTasks();</c>) and maps its routes on the group, declaring what each needs:
/// <code>
/// public static RouteGroupBuilder MapTasks(this RouteGroupBuilder api)
/// {
///     var tasks = api.MapGroup("/tasks").WithTags("Tasks").RequireScope(ApiScope.Reader);
///     tasks.MapGet("/", ListAsync);
///     tasks.MapPost("/{id}/run", RunAsync).RequireScope(ApiScope.Operator);  // scopes add up: operator
///     return api;
/// }
/// </code>
/// Every endpoint in the group needs a key; one that declares no scope gets admin, so forgetting
/// a scope closes a route instead of opening it. Routes outside /api (the Butler start API) call
/// <see cref="EndpointScopeExtensions.RequireScope"/> themselves; the fallback policy is admin there too.
/// </summary>
public static class ApiGroup
{
    public const string Prefix = "/api";

    public static RouteGroupBuilder MapCourierApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        // Finally runs after the endpoints' own conventions, so it sees the scopes they declared.
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            if (!endpoint.Metadata.OfType<RequiredScopeMetadata>().Any())
            {
                endpoint.Metadata.Add(new RequiredScopeMetadata(ApiScope.Admin));
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(ScopeGrants.PolicyName(ApiScope.Admin)));
            }
        });
        return api;
    }
}
