using System.Net;
using Courier.Domain.Model;
using Courier.Domain.Scheduling;

namespace Courier.Functions.Tests.Api;

/// <summary>Valid resources created through the API; tests change the one thing they are about.</summary>
public static class ApiSamples
{
    public static Project Project(string owner = "alice", string name = "Finance") => new()
    {
        Name = name,
        Owner = owner,
        RunMode = RunMode.Series,
        RankConflictRule = RankConflictRule.ByName,
        Filters = [new Filter { Name = "EU only", Parameters = [new Parameter { Name = "region", Value = "EU" }] }],
    };

    public static Connection Postgres(string password = "pw") => new()
    {
        Name = "Warehouse",
        Kind = ConnectionKind.Postgres,
        Settings = new ConnectionSettings { Host = "db.local", Database = "dw", Username = "reader" },
        Secrets = new ConnectionSecrets { Password = password },
    };

    public static Connection Sftp(string password = "pw") => new()
    {
        Name = "Vendor SFTP",
        Kind = ConnectionKind.Sftp,
        Settings = new ConnectionSettings { Host = "sftp.local", Username = "drop" },
        Secrets = new ConnectionSecrets { Password = password },
    };

    public static TaskDefinition Task(World world, string name = "Daily orders", string owner = "alice") => new()
    {
        Name = name,
        ProjectId = world.Project,
        Owner = owner,
        Enabled = true,
        Rank = 1,
        Tags = ["daily"],
        CustomProperties = [new CustomProperty { Name = "department", Value = "finance" }],
        Filters = ["EU only"],
        Reports =
        [
            new ReportDefinition
            {
                Name = "orders",
                Source = new SourceDefinition { Kind = SourceKind.Sql, ConnectionId = world.Database, Query = new CodeLocation { Text = "select * from orders where region = @region" } },
                Output = new ReportOutput { FileNameTemplate = "orders_{yesterday:yyyyMMdd}.csv" },
            },
        ],
        Destinations = [new Destination { Kind = DestinationKind.Sftp, ConnectionId = world.Sftp, Folder = "/in" }],
        RecipientIds = [world.Recipient],
        Schedules = [new Schedule { Kind = ScheduleKind.Cron, Cron = "0 30 6 * * 1-5", TimeZone = "Europe/Paris" }],
    };

    /// <summary>A project with a database, an SFTP server and a recipient, made through the API.</summary>
    public static async Task<World> WorldAsync(HttpClient client, string owner = "alice", string password = "pw")
    {
        var project = await CreatedAsync(client, "/api/projects", Project(owner));
        var database = await CreatedAsync(client, "/api/connections", Postgres(password));
        var sftp = await CreatedAsync(client, "/api/connections", Sftp(password));
        var recipient = await CreatedAsync(client, "/api/recipients", new Recipient { Name = "Ann", Email = "ann@example.com" });
        return new World(project, database, sftp, recipient);
    }

    public static async Task<Guid> CreatedAsync<T>(HttpClient client, string path, T value)
    {
        var call = await ApiCall.PostAsync(client, path, value);
        return call.Status == HttpStatusCode.Created ? call.Id : throw new InvalidOperationException($"POST {path}: {call.Status} {call.Body}");
    }

    public sealed record World(Guid Project, Guid Database, Guid Sftp, Guid Recipient);
}
