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
    private const int MaxFolderFiles = 200;
    private const long MaxFolderBytes = 100L * 1024 * 1024;

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

    /// <summary>
    /// Fetches every file directly in a folder (a script package kept unzipped) into <paramref name="destination"/>.
    /// Subfolders are not fetched: a package with nested modules is kept as a <c>.zip</c>.
    /// </summary>
    public async Task DownloadFolderAsync(CodeLocation location, string destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind is CodeLocationKind.Inline or CodeLocationKind.Web)
        {
            throw new SourceException($"A script folder must be on a file server or in blob storage; a {location.Kind} location can give a .zip package instead.");
        }
        var folder = location.Path?.TrimEnd('/') ?? "";
        var connection = await connections.GetAsync(
            location.ConnectionId ?? throw new SourceException($"The {location.Kind} code location has no connection."), "code location", cancellationToken);
        await using var files = await ConnectionFileSystems.ConnectAsync(connection, cancellationToken);
        var where = $"{files.Endpoint}/{folder}/";
        try
        {
            var listed = await files.ListAsync(folder, "*", cancellationToken);
            if (listed.Count == 0)
            {
                throw new SourceException($"The script folder {where} holds no file.");
            }
            if (listed.Count > MaxFolderFiles || listed.Sum(f => f.Size) > MaxFolderBytes)
            {
                throw new SourceException($"The script folder {where} holds more than {MaxFolderFiles} files or {MaxFolderBytes / (1024 * 1024)} MB; keep a large package as a .zip.");
            }
            foreach (var file in listed)
            {
                // A listed name is one path segment; anything else would write outside the package folder.
                var name = Path.GetFileName(file.Name);
                if (name.Length == 0 || name != file.Name || name is "." or "..")
                {
                    throw new SourceException($"The script folder {where} lists an unusable file name.");
                }
                await using var target = File.Create(Path.Combine(destination, name));
                await files.DownloadAsync(file.Path, target, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or ConnectorException)
        {
            throw new SourceException($"The script folder {where} could not be fetched: {e.Message}", e);
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
