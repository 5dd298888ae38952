using System.Net;

namespace Courier.Functions.Tests;

[Collection(SharedHost.Name)]
public sealed class AuthenticationTests(HostFixture host)
{
    [Fact]
    public async Task A_keyed_route_without_a_key_answers_401_problem_saying_how_to_send_one()
    {
        using var client = host.Client();

        using var response = await client.GetAsync("/api/keys");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("x-functions-key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bootstrap_key_in_the_header_is_admin()
    {
        using var client = host.ClientWithKey(CourierAppFactory.BootstrapKey);

        using var response = await client.GetAsync("/api/keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_stored_key_works_in_the_code_query_parameter()
    {
        var key = await host.KeyAsync("admin");
        using var client = host.Client();

        using var response = await client.GetAsync($"/api/keys?code={Uri.EscapeDataString(key)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("0123456789ab.guessed-secret")]
    [InlineData("test-bootstrap-admin-key-012345678")]
    public async Task An_unknown_key_answers_401_problem(string key)
    {
        using var client = host.ClientWithKey(key);

        using var response = await client.GetAsync("/api/keys");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(key, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_key_with_a_tampered_secret_answers_401()
    {
        var key = await host.KeyAsync("admin");
        var tampered = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        using var client = host.ClientWithKey(tampered);

        using var response = await client.GetAsync("/api/keys");

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_without_the_scope_answers_403_problem_naming_both_scopes()
    {
        using var client = host.ClientWithKey(await host.KeyAsync("reader"));

        using var response = await client.GetAsync("/api/keys");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("admin", detail, StringComparison.Ordinal);
        Assert.Contains("reader", detail, StringComparison.Ordinal);
    }
}
