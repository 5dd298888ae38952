using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace Courier.Functions.Tests;

[Collection(SharedHost.Name)]
public sealed class ApiKeyEndpointsTests(HostFixture host)
{
    private HttpClient Admin() => host.ClientWithKey(CourierAppFactory.BootstrapKey);

    [Fact]
    public async Task A_created_key_is_returned_once_and_authenticates_with_its_scope()
    {
        using var admin = Admin();

        using var created = await admin.PostAsJsonAsync("/api/keys", new { name = "nightly export", scope = "operator" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await created.Content.ReadFromJsonAsync<HostFixture.CreatedKey>();
        Assert.NotNull(key);
        Assert.Equal("operator", key.Scope);
        Assert.Equal($"/api/keys/{key.Id}", created.Headers.Location?.OriginalString);
        using var read = await admin.GetAsync(created.Headers.Location);
        var listed = await admin.GetStringAsync("/api/keys");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.DoesNotContain(key.Key, await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(key.Id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Key, listed, StringComparison.Ordinal);

        using var asOperator = host.ClientWithKey(key.Key);
        using var openApi = await asOperator.GetAsync("/openapi/v1.json");
        using var keys = await asOperator.GetAsync("/api/keys");
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, keys.StatusCode);
    }

    [Fact]
    public async Task Storage_holds_the_sha256_of_the_key_and_never_the_key()
    {
        using var admin = Admin();
        using var created = await admin.PostAsJsonAsync("/api/keys", new { name = "hash check", scope = "reader" });
        var key = await created.Content.ReadFromJsonAsync<HostFixture.CreatedKey>();
        Assert.NotNull(key);

        var table = new TableClient(host.StorageConnectionString, "apikeys");
        var row = (await table.GetEntityAsync<TableEntity>("apikey", key.Id)).Value;

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key.Key)), row.GetBinary("Hash"));
        var secretPart = key.Key[(key.Key.IndexOf('.', StringComparison.Ordinal) + 1)..];
        foreach (var (_, value) in row)
        {
            Assert.DoesNotContain(secretPart, $"{value}", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_revoked_key_stops_working_and_stays_listed_as_revoked()
    {
        using var admin = Admin();
        using var created = await admin.PostAsJsonAsync("/api/keys", new { name = "to revoke", scope = "reader" });
        var key = await created.Content.ReadFromJsonAsync<HostFixture.CreatedKey>();
        Assert.NotNull(key);
        using var asReader = host.ClientWithKey(key.Key);
        using var before = await asReader.GetAsync("/openapi/v1.json");

        using var revoked = await admin.DeleteAsync($"/api/keys/{key.Id}");
        using var after = await asReader.GetAsync("/openapi/v1.json");
        var shown = await admin.GetFromJsonAsync<KeyView>($"/api/keys/{key.Id}");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await Problems.AssertProblemAsync(after, HttpStatusCode.Unauthorized);
        Assert.NotNull(shown?.RevokedAt);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_answers_404_problem()
    {
        using var admin = Admin();

        using var response = await admin.DeleteAsync("/api/keys/0123456789ab");

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"scope\":\"reader\"}", "name")]
    [InlineData("{\"name\":\"x\",\"scope\":\"superuser\"}", "scope")]
    [InlineData("{\"name\":\"x\"}", "scope")]
    public async Task Creating_with_a_bad_field_answers_400_naming_the_field(string body, string field)
    {
        using var admin = Admin();

        using var response = await admin.PostAsync("/api/keys", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    private sealed record KeyView(string Id, string Scope, DateTimeOffset? RevokedAt);
}
