using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Courier.Domain.Model;
using Courier.Functions.Tests.Api;
using Courier.Testing;

namespace Courier.Functions.Tests.Runs;

/// <summary>Finding runs (filtered, paged), downloading what a run produced, and resending it to real servers.</summary>
[Collection(RunApiServers.Name)]
public sealed class RunFileTests(EndToEndServers servers)
{
    [Fact]
    public async Task Runs_are_listed_by_task_status_and_time_in_pages_that_continue()
    {
        using var admin = servers.Admin();
        var (project, database) = await RunApi.WorldAsync(admin, servers);
        var good = await RunApi.CreateAsync(admin, RunApi.Task(project, database, "select 1 as n", "listed"));
        var bad = await RunApi.CreateAsync(admin, RunApi.Task(project, database, "select * from no_such_table", "listed failing"));
        var runs = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add((await RunApi.RunToEndAsync(admin, good)).GetProperty("run"));
        }
        var failed = RunApi.RunId(await RunApi.RunToEndAsync(admin, bad, "failed"));
        var ids = runs.Select(r => r.GetProperty("runId").GetString()!).ToList();

        var pages = await PagesAsync(admin, $"/api/runs?taskId={good}&pageSize=2");
        Assert.True(pages.Count >= 2, $"3 runs in pages of 2 came in {pages.Count} page(s)");
        Assert.All(pages, page => Assert.True(page.Count <= 2));
        Assert.Equal(ids.Order(), pages.SelectMany(p => p).Order());

        Assert.Equal(ids.Order(), (await AllAsync(admin, $"/api/runs?taskId={good}&status=succeeded")).Order());
        Assert.Empty(await AllAsync(admin, $"/api/runs?taskId={good}&status=failed"));
        var anyFailed = await AllAsync(admin, $"/api/runs?projectId={project}&status=Failed");
        Assert.Equal([failed], anyFailed);

        // Runs were made one after another: "from" includes its instant, "to" excludes it.
        var second = Uri.EscapeDataString(runs[1].GetProperty("createdAt").GetString()!);
        Assert.Equal(ids[1..].Order(), (await AllAsync(admin, $"/api/runs?taskId={good}&from={second}")).Order());
        Assert.Equal([ids[0]], await AllAsync(admin, $"/api/runs?taskId={good}&to={second}"));

        using var badStatus = await admin.GetAsync("/api/runs?status=sleeping");
        Assert.True((await RunApi.ProblemAsync(badStatus, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("status", out _));
    }

    [Fact]
    public async Task A_file_downloads_as_delivered_and_resends_to_where_it_went_or_to_the_current_destinations()
    {
        using var admin = servers.Admin();
        var (project, database) = await RunApi.WorldAsync(admin, servers);
        var sftp = await EndToEndServers.CreateAsync(admin, "/api/connections", servers.SftpConnection());
        var smtp = await EndToEndServers.CreateAsync(admin, "/api/connections", servers.SmtpConnection());
        var reader = UniqueName.For("reader") + "@e2e.test";
        var recipient = await EndToEndServers.CreateAsync(admin, "/api/recipients", new Recipient { Name = "Reader", Email = reader });
        var (first, second) = (UniqueName.For("first"), UniqueName.For("second"));
        var taskId = await RunApi.CreateAsync(admin, RunApi.Task(project, database, "select id, amount from e2e_orders where id <= 3 order by id", "resent") with
        {
            Destinations =
            [
                new Destination { Kind = DestinationKind.Sftp, ConnectionId = sftp, Folder = first },
                new Destination { Kind = DestinationKind.Email, ConnectionId = smtp, Email = new EmailOptions { Subject = "Orders" } },
            ],
            RecipientIds = [recipient],
        });
        var detail = await RunApi.RunToEndAsync(admin, taskId);
        var runId = RunApi.RunId(detail);
        var file = Assert.Single(detail.GetProperty("files").EnumerateArray());
        var name = file.GetProperty("name").GetString()!;
        var delivered = Path.Combine(servers.Ssh.RootDirectory, first, name);
        var bytes = await File.ReadAllBytesAsync(delivered);
        await MessagesToAsync(reader, 1);

        var downloaded = await admin.GetByteArrayAsync($"/api/runs/{runId}/files/{Uri.EscapeDataString(name)}");
        Assert.Equal(bytes, downloaded);
        Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(downloaded)));

        // After the run the task's SFTP destination moves to another folder, a second one is added and so is a recipient:
        // "original" (the default) reaches only where the file went, as the run's snapshot of the task had it;
        // "current" reaches the task's destinations and recipients as they are now.
        var other = UniqueName.For("newcomer") + "@e2e.test";
        var newcomer = await EndToEndServers.CreateAsync(admin, "/api/recipients", new Recipient { Name = "Newcomer", Email = other });
        var stored = await ApiCall.GetAsync(admin, $"/api/tasks/{taskId}");
        var task = stored.As<TaskDefinition>();
        var moved = UniqueName.For("moved");
        var edited = task with
        {
            Destinations = [task.Destinations[0] with { Folder = moved }, task.Destinations[1], task.Destinations[0] with { Folder = second }],
            RecipientIds = [recipient, newcomer],
        };
        Assert.Equal(HttpStatusCode.OK, (await ApiCall.PutAsync(admin, $"/api/tasks/{taskId}", edited, stored.ETag)).Status);
        var movedFile = Path.Combine(servers.Ssh.RootDirectory, moved, name);
        var added = Path.Combine(servers.Ssh.RootDirectory, second, name);

        File.Delete(delivered);
        Assert.Equal(2, (await ResendAsync(admin, runId, name, body: null)).GetArrayLength());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(delivered));
        Assert.False(File.Exists(movedFile));
        Assert.False(File.Exists(added));
        await MessagesToAsync(reader, 2);

        File.Delete(delivered);
        Assert.Equal(4, (await ResendAsync(admin, runId, name, """{ "target": "current" }""")).GetArrayLength());
        Assert.False(File.Exists(delivered));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(movedFile));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(added));
        await MessagesToAsync(other, 1);
        Assert.Equal(3, await MessagesToAsync(reader, 3));
        Assert.Equal(1, await MessagesToAsync(other, 1));

        var deliveries = (await RunApi.DetailAsync(admin, runId)).GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal(2, deliveries.Count(d => d.GetProperty("resendOf").ValueKind == JsonValueKind.Null));
        var resends = deliveries.Where(d => d.GetProperty("resendOf").ValueKind == JsonValueKind.String).ToList();
        Assert.Equal(6, resends.Count);
        Assert.All(resends, d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
        Assert.All(resends, d => Assert.False(string.IsNullOrEmpty(d.GetProperty("requestedBy").GetString())));
    }

    [Fact]
    public async Task A_resend_of_an_unknown_run_file_or_delivery_is_404_and_a_bad_target_is_400()
    {
        using var admin = servers.Admin();
        var (project, database) = await RunApi.WorldAsync(admin, servers);
        var taskId = await RunApi.CreateAsync(admin, RunApi.Task(project, database, "select 1 as n", "undelivered"));
        var detail = await RunApi.RunToEndAsync(admin, taskId);
        var runId = RunApi.RunId(detail);
        var name = Assert.Single(detail.GetProperty("files").EnumerateArray()).GetProperty("name").GetString()!;

        using (var noDelivery = await PostResendAsync(admin, runId, name, null))
        {
            Assert.Contains("no completed delivery", (await RunApi.ProblemAsync(noDelivery, HttpStatusCode.NotFound)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        using (var noDestination = await PostResendAsync(admin, runId, name, """{ "target": "current" }"""))
        {
            await RunApi.ProblemAsync(noDestination, HttpStatusCode.NotFound);
        }
        using (var unknownFile = await PostResendAsync(admin, runId, "other.csv", null))
        {
            await RunApi.ProblemAsync(unknownFile, HttpStatusCode.NotFound);
        }
        using (var unknownRun = await PostResendAsync(admin, "run-unknown", name, null))
        {
            await RunApi.ProblemAsync(unknownRun, HttpStatusCode.NotFound);
        }
        using (var badTarget = await PostResendAsync(admin, runId, name, """{ "target": "elsewhere" }"""))
        {
            var problem = await RunApi.ProblemAsync(badTarget, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("target", out _), problem.ToString());
        }
        using (var unknownField = await PostResendAsync(admin, runId, name, """{ "destination": "original" }"""))
        {
            await RunApi.ProblemAsync(unknownField, HttpStatusCode.BadRequest);
        }
        using var download = await admin.GetAsync($"/api/runs/{runId}/files/other.csv");
        await RunApi.ProblemAsync(download, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_resend_to_a_server_that_is_down_is_502_naming_it_and_the_failed_resend_is_recorded()
    {
        using var admin = servers.Admin();
        var (project, database) = await RunApi.WorldAsync(admin, servers);
        var downPort = FreePort.Next();
        var down = await EndToEndServers.CreateAsync(admin, "/api/connections", servers.SftpConnection(downPort));
        var taskId = await RunApi.CreateAsync(admin, RunApi.Task(project, database, "select 1 as n", "down") with
        {
            Destinations = [new Destination { Kind = DestinationKind.Sftp, ConnectionId = down, Folder = UniqueName.For("down") }],
        });
        var detail = await RunApi.RunToEndAsync(admin, taskId, "failed");
        var runId = RunApi.RunId(detail);
        var name = Assert.Single(detail.GetProperty("files").EnumerateArray()).GetProperty("name").GetString()!;

        using (var resend = await PostResendAsync(admin, runId, name, """{ "target": "current" }"""))
        {
            var problem = await RunApi.ProblemAsync(resend, HttpStatusCode.BadGateway);
            Assert.Contains(downPort.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(servers.Ssh.Password, problem.ToString(), StringComparison.Ordinal);
        }
        var resent = Assert.Single((await RunApi.DetailAsync(admin, runId)).GetProperty("deliveries").EnumerateArray(),
            d => d.GetProperty("resendOf").ValueKind == JsonValueKind.String);
        Assert.Equal("failed", resent.GetProperty("status").GetString());
    }

    private static async Task<JsonElement> ResendAsync(HttpClient admin, string runId, string name, string? body)
    {
        using var response = await PostResendAsync(admin, runId, name, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"resend answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<HttpResponseMessage> PostResendAsync(HttpClient admin, string runId, string name, string? body) =>
        await admin.PostAsync(
            $"/api/runs/{Uri.EscapeDataString(runId)}/files/{Uri.EscapeDataString(name)}/resend",
            body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>How many messages maildev holds for <paramref name="address"/>, once there are at least <paramref name="count"/>.</summary>
    private async Task<int> MessagesToAsync(string address, int count) =>
        await Eventually.HoldsAsync(
            async () => (await servers.Mail.GetMessagesAsync()).Count(m => m.ToList.Any(a => a.Address == address)),
            seen => seen >= count,
            RunApi.Deadline,
            $"{count} message(s) to {address}");

    /// <summary>Every page of a listing, following continuation tokens, as run ids.</summary>
    private static async Task<List<List<string>>> PagesAsync(HttpClient admin, string path)
    {
        var pages = new List<List<string>>();
        string? token = null;
        do
        {
            var page = await EndToEndServers.GetAsync(admin, token is null ? path : $"{path}&continuationToken={Uri.EscapeDataString(token)}");
            pages.Add([.. page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("runId").GetString()!)]);
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);
        return pages;
    }

    private static async Task<List<string>> AllAsync(HttpClient admin, string path) =>
        [.. (await PagesAsync(admin, path)).SelectMany(p => p)];
}
