using Courier.Domain.Connectors;
using Courier.Domain.Model;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Locations;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Reports.Sources;

/// <summary>
/// The text of a query, command or script from wherever the task keeps it: inline, a file server
/// connection, a blob, or a web address (with the token of an http connection). Fetched text is
/// cached when the location asks for it, and the cache is used when a later fetch fails.
/// </summary>
public sealed class ReportCode(StoredConnections connections, CodeLoader loader, HttpClient http)
{
    public async Task<string> LoadTextAsync(CodeLocation location, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var code = await LocateAsync(location, cancellationToken);
        return await loader.LoadAsync(code, location.CacheOnSuccess, log, cancellationToken);
    }

    private async Task<ICodeLocation> LocateAsync(CodeLocation location, CancellationToken cancellationToken)
    {
        if (location.Kind == CodeLocationKind.Inline)
        {
            return new InlineCode(location.Text ?? "");
        }
        var path = location.Path is { Length: > 0 } p ? p : throw new SourceException($"The {location.Kind} code location has no path.");
        if (location.Kind == CodeLocationKind.Web)
        {
            var address = Uri.TryCreate(path, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? uri
                : throw new SourceException("The web code location is not an http(s) address.");
            var token = location.ConnectionId is { } id ? (await connections.GetAsync(id, "code location", cancellationToken)).Secrets.Token : null;
            return new WebCode(http, address, token is null ? null : "Authorization", token);
        }
        var connection = await connections.GetAsync(
            location.ConnectionId ?? throw new SourceException($"The {location.Kind} code location has no connection."), "code location", cancellationToken);
        var endpoint = new RemoteEndpoint(connection.Kind.ToString().ToLowerInvariant(), connection.Settings.Host ?? connection.Settings.BaseAddress ?? connection.Name, connection.Settings.Port);
        return new RemoteFileCode(endpoint, path, token => ConnectionFileSystems.ConnectAsync(connection, token));
    }
}
