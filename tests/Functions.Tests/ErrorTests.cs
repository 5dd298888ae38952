using System.Net;

namespace Courier.Functions.Tests;

[Collection(SharedHost.Name)]
public sealed class ErrorTests(HostFixture host)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unknown_route_answers_404_problem_with_or_without_a_key(bool withKey)
    {
        using var client = withKey ? host.ClientWithKey(CourierAppFactory.BootstrapKey) : host.Client();

        using var response = await client.GetAsync("/no/such/route");

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wrong_method_answers_405_problem()
    {
        using var client = host.ClientWithKey(CourierAppFactory.BootstrapKey);

        using var response = await client.PutAsync("/api/keys", content: null);

        await Problems.AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_400_problem_naming_the_body_parameter()
    {
        using var client = host.ClientWithKey(CourierAppFactory.BootstrapKey);

        using var response = await client.PostAsync(
            "/api/keys", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("request", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
