using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Courier.Domain.Model;

namespace Courier.Functions.Tests.Api;

/// <summary>One HTTP exchange with the host, body kept as text so tests can search it.</summary>
public sealed record ApiCall(HttpStatusCode Status, string Body, string? ETag, string? ContentType)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public static async Task<ApiCall> SendAsync(
        HttpClient client, HttpMethod method, string path, string? body = null, string contentType = "application/json", string? ifMatch = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request);
        return new ApiCall(
            response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            response.Headers.ETag?.ToString() ?? (response.Headers.TryGetValues("ETag", out var tags) ? tags.First() : null),
            response.Content.Headers.ContentType?.MediaType);
    }

    public static Task<ApiCall> PostAsync<T>(HttpClient client, string path, T value) =>
        SendAsync(client, HttpMethod.Post, path, JsonSerializer.Serialize(value, CourierJson.Options));

    public static Task<ApiCall> PutAsync<T>(HttpClient client, string path, T value, string? ifMatch) =>
        SendAsync(client, HttpMethod.Put, path, JsonSerializer.Serialize(value, CourierJson.Options), ifMatch: ifMatch);

    public static Task<ApiCall> GetAsync(HttpClient client, string path) => SendAsync(client, HttpMethod.Get, path);

    public T As<T>() => JsonSerializer.Deserialize<T>(Body, CourierJson.Options)!;

    public Guid Id => Json.GetProperty("id").GetGuid();
}
