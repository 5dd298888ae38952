using Courier.Domain.Delivery;

namespace Courier.Functions.Http;

/// <summary>
/// The optional body of a resend: <c>{ "target": "original" | "current" }</c>. Without a body (or a target)
/// the file goes again where it went, which is what "resend" means to someone who missed it.
/// </summary>
public sealed record ResendFileRequest
{
    public const string Original = "original";
    public const string Current = "current";

    public string? Target { get; init; }

    public static async Task<ResendTarget> TargetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var noBody = request.ContentLength == 0 || (string.IsNullOrEmpty(request.ContentType) && request.ContentLength is null);
        var target = noBody ? null : (await CatalogRequest.ReadJsonAsync<ResendFileRequest>(request, cancellationToken)).Target;
        return target switch
        {
            null => ResendTarget.OriginalDestinations,
            _ when target.Equals(Original, StringComparison.OrdinalIgnoreCase) => ResendTarget.OriginalDestinations,
            _ when target.Equals(Current, StringComparison.OrdinalIgnoreCase) => ResendTarget.CurrentDestinations,
            _ => throw CatalogRequest.Invalid("target", $"must be \"{Original}\" or \"{Current}\""),
        };
    }
}
