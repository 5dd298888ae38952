using System.Globalization;
using Courier.Domain.Validation;

namespace Courier.Functions.Http;

/// <summary>
/// How catalog endpoints read a request: JSON bodies of at most 1 MB read strictly, GUIDs and query
/// values parsed here so a bad one is a 400 naming it (not a 404 from a route constraint).
/// </summary>
internal static class CatalogRequest
{
    public const int MaxBodyBytes = 1024 * 1024;

    public static async Task<T> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            throw new UnsupportedContentTypeException("application/json");
        }

        return StrictJson.Deserialize<T>(await ReadBodyAsync(request, cancellationToken));
    }

    /// <summary>The body, refused past <see cref="MaxBodyBytes"/> without reading the rest.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw Invalid("body", "is required");
        }

        return buffer.ToArray();
    }

    public static Guid Id(string value, string field = "id") =>
        Guid.TryParse(value, out var id) ? id : throw Invalid(field, "must be a GUID");

    /// <summary>The If-Match header every update and delete needs (428 when missing).</summary>
    public static string IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString();
        return string.IsNullOrWhiteSpace(value) ? throw new PreconditionRequiredException() : value.Trim();
    }

    public static int PageSize(HttpRequest request)
    {
        var text = Query(request, "pageSize");
        return text is null ? 50
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= 500 ? size
            : throw Invalid("pageSize", "must be an integer from 1 to 500");
    }

    public static bool? Bool(HttpRequest request, string name)
    {
        var text = Query(request, name);
        return text is null ? null : bool.TryParse(text, out var value) ? value : throw Invalid(name, "must be true or false");
    }

    public static Guid? OptionalId(HttpRequest request, string name)
    {
        var text = Query(request, name);
        return text is null ? null : Id(text, name);
    }

    public static string? Query(HttpRequest request, string name)
    {
        var values = request.Query[name];
        if (values.Count > 1)
        {
            throw Invalid(name, "must be given once");
        }

        var text = values.ToString();
        if (text.Length > 200)
        {
            throw Invalid(name, "must be at most 200 characters");
        }

        return text.Length == 0 ? null : text;
    }

    public static ValidationException Invalid(string field, string rule) => new([new ValidationError(field, rule)]);

    private static ValidationException TooLarge() => Invalid("body", $"must be at most {MaxBodyBytes / 1024} KB");

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
