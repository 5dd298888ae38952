using Courier.Domain.Security;
using Courier.Functions.Auth;
using Microsoft.OpenApi;

namespace Courier.Functions.Http;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>. It needs a key (reader scope) like every route
/// but /healthz, and it declares the <c>x-functions-key</c> header so clients know how to call.
/// </summary>
public static class OpenApiSetup
{
    public const string SecuritySchemeName = "apiKey";

    public static IServiceCollection AddCourierOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Courier";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyDefaults.HeaderName,
                Description = $"An API key; the {ApiKeyDefaults.QueryName} query parameter works too.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [],
            });
            return Task.CompletedTask;
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapCourierOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().RequireScope(ApiScope.Reader);
        return app;
    }
}
