using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace Courier.Functions.Tests.Api;

/// <summary>The corpus yields only 4xx ProblemDetails naming the field, and leaves every catalog table as it was.</summary>
[Collection(SharedCatalogHost.Name)]
public sealed class MalformedRequestTests(CatalogHost host)
{
    [Fact]
    public async Task Every_malformed_request_is_a_4xx_problem_naming_its_field_and_changes_nothing()
    {
        using var client = await host.ClientAsync();
        var world = await ApiSamples.WorldAsync(client);
        var task = await ApiCall.PostAsync(client, "/api/tasks", ApiSamples.Task(world));
        Assert.Equal(HttpStatusCode.Created, task.Status);
        var corpus = MalformedCorpus.Build(world, task.ETag!, task.Id);
        var before = await SnapshotAsync();

        var failures = new StringBuilder();
        foreach (var bad in corpus)
        {
            var call = await ApiCall.SendAsync(client, bad.Method, bad.Path, bad.Body, bad.ContentType, bad.IfMatch);
            var problem = Problem(call);
            if ((int)call.Status is < 400 or > 499 || call.ContentType != "application/problem+json" || problem is null
                || !problem.Value.TryGetProperty("errors", out var errors) || !errors.TryGetProperty(bad.Field, out _))
            {
                failures.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{bad}: {(int)call.Status} {call.ContentType} {Shorten(call.Body)}");
            }
        }

        Assert.True(corpus.Count >= 100, $"The corpus has only {corpus.Count} requests.");
        Assert.True(failures.Length == 0, failures.ToString());
        Assert.Equal(before, await SnapshotAsync());
    }

    private static JsonElement? Problem(ApiCall call)
    {
        try
        {
            return call.Json;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string body) => body.Length > 400 ? body[..400] : body;

    /// <summary>Every row of every catalog table, by key and ETag.</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        var service = new TableServiceClient(host.StorageConnectionString);
        var rows = new List<string>();
        await foreach (var table in service.QueryAsync(filter: $"TableName ge '{host.TablePrefix}' and TableName lt '{host.TablePrefix}~'"))
        {
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                rows.Add($"{table.Name}/{row.RowKey}/{row.ETag}");
            }
        }

        rows.Sort(StringComparer.Ordinal);
        Assert.NotEmpty(rows);
        return rows;
    }
}
