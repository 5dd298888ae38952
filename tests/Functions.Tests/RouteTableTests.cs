using System.Net;
using System.Text;
using Courier.Domain.Security;
using Courier.Functions.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Courier.Functions.Tests;

/// <summary>
/// Every route the host maps, including ones added after this test was written: without a key
/// it answers 401; with a key whose scope does not reach it, 403; with one that does, neither.
/// A route's scope comes from its <see cref="RequiredScopeMetadata"/> (admin when it declares none).
/// </summary>
[Collection(SharedHost.Name)]
public sealed class RouteTableTests(HostFixture host)
{
    /// <summary>Routes open to anyone, on purpose. A new anonymous route must be added here deliberately.</summary>
    private static readonly string[] Anonymous = ["/healthz"];

    /// <summary>The rules, written independently of the host's ScopeGrants: which key scopes reach a route scope.</summary>
    private static readonly Dictionary<ApiScope, ApiScope[]> Reaches = new()
    {
        [ApiScope.Admin] = [ApiScope.Admin],
        [ApiScope.Operator] = [ApiScope.Admin, ApiScope.Operator],
        [ApiScope.Reader] = [ApiScope.Admin, ApiScope.Operator, ApiScope.Reader],
        [ApiScope.Starter] = [ApiScope.Admin, ApiScope.Operator, ApiScope.Starter],
    };

    [Fact]
    public void Only_the_deliberately_anonymous_routes_allow_anonymous_callers()
    {
        var anonymous = Routes().Where(r => r.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(r => r.Pattern).Distinct().Order();

        Assert.Equal(Anonymous, anonymous);
    }

    [Fact]
    public async Task Every_keyed_route_answers_401_without_a_key_and_403_to_a_scope_it_does_not_allow()
    {
        var routes = Routes().Where(r => !Anonymous.Contains(r.Pattern)).ToList();
        Assert.Contains(routes, r => r.Pattern == "/api/keys");
        Assert.Contains(routes, r => r.Pattern.StartsWith("/openapi/", StringComparison.Ordinal));
        var keys = new Dictionary<ApiScope, string>();
        foreach (var scope in Enum.GetValues<ApiScope>())
        {
            keys[scope] = await host.KeyAsync(ApiScopeNames.Of(scope));
        }

        var failures = new List<string>();
        foreach (var route in routes)
        {
            using var anonymous = await SendAsync(route, key: null);
            if (anonymous.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{route} without a key: {(int)anonymous.StatusCode}, expected 401");
            }
            foreach (var (scope, key) in keys)
            {
                var allowed = route.Scopes.All(required => Reaches[required].Contains(scope));
                using var response = await SendAsync(route, key);
                var status = response.StatusCode;
                if (allowed && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    failures.Add($"{route} with a key of scope {ApiScopeNames.Of(scope)}: {(int)status}, expected it to be let through");
                }
                if (!allowed && status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{route} with a key of scope {ApiScopeNames.Of(scope)}: {(int)status}, expected 403");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private async Task<HttpResponseMessage> SendAsync(Route route, string? key)
    {
        using var client = key is null ? host.Client() : host.ClientWithKey(key);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.SamplePath);
        if (route.Method is "POST" or "PUT" or "PATCH")
        {
            // An empty object: enough to reach authorization, invalid for any endpoint that acts on it.
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        return await client.SendAsync(request);
    }

    private List<Route> Routes()
    {
        using var client = host.Client(); // starts the host, which builds the endpoint table
        var endpoints = host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var routes = new List<Route>();
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var scopes = endpoint.Metadata.GetOrderedMetadata<RequiredScopeMetadata>().Select(m => m.Scope).ToArray();
            foreach (var method in methods)
            {
                routes.Add(new Route(
                    endpoint,
                    "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/'),
                    method,
                    SamplePath(endpoint.RoutePattern),
                    scopes.Length > 0 ? scopes : [ApiScope.Admin]));
            }
        }
        Assert.NotEmpty(routes);
        return routes;
    }

    /// <summary>A concrete path for a pattern: each parameter gets a value its constraints accept.</summary>
    private static string SamplePath(RoutePattern pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => SampleValue(parameter),
                    _ => "",
                });
            }
        }
        return path.Length == 0 ? "/" : path.ToString();
    }

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        return constraints switch
        {
            _ when constraints.Any(c => c.StartsWith("int", StringComparison.Ordinal) || c.StartsWith("long", StringComparison.Ordinal)) => "1",
            _ when constraints.Contains("guid") => "00000000-0000-0000-0000-000000000001",
            _ when constraints.Contains("bool") => "true",
            _ => "sample",
        };
    }

    private sealed record Route(RouteEndpoint Endpoint, string Pattern, string Method, string SamplePath, ApiScope[] Scopes)
    {
        public override string ToString() => $"{Method} {Pattern}";
    }
}
