using Courier.Domain.Hub;
using Courier.Domain.Security;
using Courier.Domain.Storage;
using Courier.Functions.Auth;

namespace Courier.Functions.Http;

/// <summary>
/// The Hub store's API, asked on behalf of a signed-in Hub user (<c>user</c>, and their <c>group</c>s):
/// the reports they may see, a report's versions, and downloading one. A version the user is not
/// entitled to answers 404, exactly like one that does not exist.
/// </summary>
public static class HubEndpoints
{
    public static RouteGroupBuilder MapHub(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var hub = api.MapGroup("/hub").WithTags("Hub").RequireScope(ApiScope.Reader).AddEndpointFilter<CatalogErrors>();
        hub.MapGet("/reports", ListAsync).WithSummary("The reports the user may see, newest visible version first.")
            .Produces<IReadOnlyList<HubReport>>().ProducesValidationProblem();
        hub.MapGet("/reports/{reportKey}/versions", VersionsAsync).WithSummary("The versions of a report the user may see, newest first.")
            .Produces<IReadOnlyList<HubVersion>>().ProducesValidationProblem();
        hub.MapGet("/reports/{reportKey}/versions/{version:long}/content", DownloadAsync).WithSummary("Download a version the user may see.")
            .Produces<Stream>(contentType: "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, HubStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListMyReportsAsync(Viewer(request), cancellationToken));

    private static async Task<IResult> VersionsAsync(string reportKey, HttpRequest request, HubStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListVersionsAsync(reportKey, Viewer(request), cancellationToken));

    private static async Task<IResult> DownloadAsync(string reportKey, long version, HttpRequest request, HubStore store, CancellationToken cancellationToken)
    {
        var found = await store.OpenDownloadAsync(reportKey, version, Viewer(request), cancellationToken)
            ?? throw new NotFoundException($"Report {reportKey} has no version {version} this user may see.");
        return TypedResults.Stream(found.Content, "application/octet-stream", found.Version.FileName);
    }

    private static HubViewer Viewer(HttpRequest request)
    {
        var user = CatalogRequest.Query(request, "user") ?? throw CatalogRequest.Invalid("user", "is required: the Hub user (their address) the request is made for");
        return new HubViewer(user, [.. request.Query["group"].OfType<string>().Where(g => g.Length > 0)]);
    }
}
