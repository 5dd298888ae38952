using System.Net;
using System.Text;
using Azure.Data.Tables;
using Courier.Domain.Model;

namespace Courier.Functions.Tests.Api;

/// <summary>
/// A canary secret stored in connections never appears in an API response, an export or a log
/// line, and cannot be read from the raw table entity.
/// </summary>
[Collection(SharedCatalogHost.Name)]
public sealed class CanarySecretTests(CatalogHost host)
{
    private const string Canary = "CANARY-7f3a9c-do-not-leak";

    [Fact]
    public async Task The_canary_is_nowhere_but_encrypted_in_its_row()
    {
        using var client = await host.ClientAsync();
        var world = await ApiSamples.WorldAsync(client, password: Canary);
        var responses = new List<ApiCall>();
        var created = await ApiCall.PostAsync(client, "/api/connections", new Connection
        {
            Name = "everything secret",
            Kind = ConnectionKind.Sftp,
            Settings = new ConnectionSettings { Host = "h", Username = "u" },
            Secrets = new ConnectionSecrets { Password = Canary, PrivateKey = Canary, PrivateKeyPassphrase = Canary, Token = Canary, ConnectionString = Canary },
        });
        responses.Add(created);
        var task = await ApiCall.PostAsync(client, "/api/tasks", ApiSamples.Task(world) with { Destinations = [new Destination { Kind = DestinationKind.Sftp, ConnectionId = created.Id }] });
        responses.Add(task);
        responses.Add(await ApiCall.GetAsync(client, $"/api/connections/{created.Id}"));
        responses.Add(await ApiCall.GetAsync(client, "/api/connections?pageSize=500"));
        var read = responses[^2];
        responses.Add(await ApiCall.PutAsync(client, $"/api/connections/{created.Id}", new Connection
        {
            Name = "everything secret, renamed",
            Kind = ConnectionKind.Sftp,
            Settings = new ConnectionSettings { Host = "h", Username = "u", Port = 70000 },
            Secrets = new ConnectionSecrets { Password = Canary },
        }, read.ETag));
        responses.Add(await ApiCall.PostAsync(client, "/api/connections", new Connection { Name = "bad", Kind = ConnectionKind.Http, Settings = new ConnectionSettings { BaseAddress = Canary }, Secrets = new ConnectionSecrets { Token = Canary } }));
        responses.Add(await ApiCall.SendAsync(client, HttpMethod.Delete, $"/api/connections/{created.Id}", ifMatch: read.ETag));
        responses.Add(await ApiCall.GetAsync(client, $"/api/projects/{world.Project}/export?format=json"));
        responses.Add(await ApiCall.GetAsync(client, $"/api/projects/{world.Project}/export?format=yaml"));
        responses.Add(await ApiCall.GetAsync(client, $"/api/tasks/{task.Id}"));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(HttpStatusCode.BadRequest, responses[4].Status);
        Assert.Equal(HttpStatusCode.Conflict, responses[6].Status);
        Assert.All(responses, r => Assert.DoesNotContain(Canary, r.Body, StringComparison.Ordinal));
        Assert.Contains("\"password\":\"set\"", responses[2].Body, StringComparison.Ordinal);
        Assert.NotEmpty(host.Logs.Lines);
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(Canary, StringComparison.Ordinal));

        foreach (var id in new[] { created.Id, world.Database, world.Sftp })
        {
            var row = await new TableServiceClient(host.StorageConnectionString)
                .GetTableClient(host.TablePrefix + "connections").GetEntityAsync<TableEntity>("doc", id.ToString("D"));
            Assert.NotNull(row.Value.GetString("Secrets"));
            foreach (var (_, value) in row.Value)
            {
                var text = value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString() ?? "";
                Assert.DoesNotContain(Canary, text, StringComparison.Ordinal);
            }
        }
    }
}
