using System.Text;
using Courier.Domain.Connectors;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Sources.Locations;

/// <summary>
/// Fetches the text of a query, command or script from its location. With caching on, a successful
/// fetch refreshes the cache and a failed one falls back to the cached text with a warning in the
/// run log; without a cached copy the failure stands.
/// </summary>
public sealed partial class CodeLoader(CodeCache? cache)
{
    /// <summary>Query and script text is small; anything bigger is a wrong path, not code.</summary>
    private const int MaxBytes = 10 * 1024 * 1024;

    public async Task<string> LoadAsync(ICodeLocation location, bool useCache, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        string text;
        try
        {
            await using var stream = await location.OpenAsync(cancellationToken);
            text = await ReadAsync(stream, cancellationToken);
        }
        catch (Exception e) when (IsFetchFailure(e, cancellationToken))
        {
            var reason = e.Message;
            if (useCache && cache is not null && location.IsRemote && await cache.TryLoadAsync(location.Key, cancellationToken) is { } cached)
            {
                UsingCache(log, location.Key, reason, cached.Saved);
                return cached.Text;
            }
            throw new SourceException($"Could not fetch the code from {location.Key}: {reason}", e);
        }
        if (useCache && cache is not null && location.IsRemote)
        {
            await cache.SaveAsync(location.Key, text, cancellationToken);
        }
        return text;
    }

    private static async Task<string> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[8192];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxBytes)
            {
                throw new SourceException($"The code is larger than {MaxBytes / 1024 / 1024} MB; check the path.");
            }
        }
        return text.ToString();
    }

    private static bool IsFetchFailure(Exception e, CancellationToken cancellationToken) =>
        e is ConnectorException or HttpRequestException or IOException or Azure.RequestFailedException
            or System.Net.Sockets.SocketException or TimeoutException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the code from {Location} ({Reason}); using the cached copy saved {Saved:u}")]
    private static partial void UsingCache(ILogger logger, string location, string reason, DateTimeOffset saved);
}
