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

    /// <summary>Fetches a file (a script package, say) from the location to <paramref name="destination"/>, as bytes.</summary>
    public async Task DownloadAsync(CodeLocation location, string destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var code = await LocateAsync(location, cancellationToken);
        try
        {
            await using var source = await code.OpenAsync(cancellationToken);
            await using var target = File.Create(destination);
            await source.CopyToAsync(target, cancellationToken);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ConnectorException)
        {
            throw new SourceException($"The script package at {code.Key} could not be fetched: {e.Message}", e);
        }
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
            var web = location.ConnectionId is { } id ? await connections.GetAsync(id, "code location", cancellationToken) : null;
            var token = web?.Secrets.Token;
            return new WebCode(http, address, token is null ? null : TokenHeaders.NameFor(web!.Settings), token);
        }
        var connection = await connections.GetAsync(
            location.ConnectionId ?? throw new SourceException($"The {location.Kind} code location has no connection."), "code location", cancellationToken);
        var endpoint = new RemoteEndpoint(connection.Kind.ToString().ToLowerInvariant(), connection.Settings.Host ?? connection.Settings.BaseAddress ?? connection.Name, connection.Settings.Port);
        return new RemoteFileCode(endpoint, path, token => ConnectionFileSystems.ConnectAsync(connection, token));
    }
}
