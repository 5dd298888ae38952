using System.Net.Http.Headers;

namespace Courier.Domain.Sources.Locations;

/// <summary>
/// An HTTP(S) address, e.g. a GitLab or GitHub raw file, with an optional token header
/// (<c>PRIVATE-TOKEN</c> for GitLab, <c>Authorization: Bearer …</c> for GitHub). The token is
/// sent only to this address and is never part of the key or a message.
/// </summary>
public sealed class WebCode(HttpClient http, Uri address, string? tokenHeader = null, string? token = null) : ICodeLocation
{
    public string Key => $"{address.Scheme}://{address.Authority}{address.AbsolutePath}";

    public bool IsRemote => true;

    public async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        if (tokenHeader is not null && token is not null)
        {
            if (string.Equals(tokenHeader, "Authorization", StringComparison.OrdinalIgnoreCase))
            {
                var space = token.IndexOf(' ', StringComparison.Ordinal);
                request.Headers.Authorization = space > 0
                    ? new AuthenticationHeaderValue(token[..space], token[(space + 1)..])
                    : new AuthenticationHeaderValue("Bearer", token);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(tokenHeader, token);
            }
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{Key} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
        var text = new MemoryStream();
        await response.Content.CopyToAsync(text, cancellationToken);
        text.Position = 0;
        return text;
    }
}
