using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Courier.Functions.Http;

/// <summary>
/// The JSON body a catalog endpoint reads itself (strictly, so errors name the field). It is
/// described to OpenAPI by <see cref="Describe"/> instead of <c>Accepts</c>, whose content-type
/// match would answer a wrong Content-Type with a bare 415 before the endpoint could name the field.
/// </summary>
internal sealed record CatalogBody(Type Type, params string[] ContentTypes)
{
    /// <summary>False for a body that may be left out (its defaults apply).</summary>
    public bool Required { get; init; } = true;

    public static async Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<CatalogBody>().FirstOrDefault() is not { } body)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
        var content = new Dictionary<string, OpenApiMediaType>();
        foreach (var contentType in body.ContentTypes)
        {
            content[contentType] = new OpenApiMediaType { Schema = schema };
        }

        operation.RequestBody = new OpenApiRequestBody { Required = body.Required, Content = content };
    }
}
