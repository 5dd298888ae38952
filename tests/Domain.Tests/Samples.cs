using Courier.Domain.Model;
using Courier.Domain.Scheduling;

namespace Courier.Domain.Tests;

/// <summary>Valid resources to start from; each test changes the one thing it is about.</summary>
internal static class Samples
{
    public const string Canary = "canary-Zq8vX3-secret-7781";

    public static Project Project(string owner = "alice") => new()
    {
        Name = "Finance",
        Owner = owner,
        Tags = ["finance"],
        RunMode = RunMode.Series,
        RankConflictRule = RankConflictRule.ByName,
        Filters = [new Filter { Name = "EU only", Parameters = [new Parameter { Name = "region", Value = "EU" }] }],
        Parameters = [new Parameter { Name = "company", Value = "ACME" }],
        Schedules = [new Schedule { Id = Guid.NewGuid(), Kind = ScheduleKind.Cron, Cron = "0 30 6 * * 1-5", TimeZone = "Europe/Paris" }],
    };

    public static Connection Postgres(string password = "pw") => new()
    {
        Name = "Warehouse",
        Kind = ConnectionKind.Postgres,
        Settings = new ConnectionSettings { Host = "db.local", Port = 5432, Database = "dw", Username = "reader" },
        Secrets = new ConnectionSecrets { Password = password },
    };

    public static Connection Sftp(string password = "pw") => new()
    {
        Name = "Vendor SFTP",
        Kind = ConnectionKind.Sftp,
        Settings = new ConnectionSettings { Host = "sftp.local", Port = 22, Username = "drop" },
        Secrets = new ConnectionSecrets { Password = password },
    };

    public static TaskDefinition Task(Guid projectId, Guid databaseId, Guid sftpId, string name = "Daily orders", string owner = "alice") => new()
    {
        Name = name,
        ProjectId = projectId,
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
                Source = new SourceDefinition
                {
                    Kind = SourceKind.Sql,
                    ConnectionId = databaseId,
                    Query = new CodeLocation { Text = "select * from orders where region = @region" },
                },
                Output = new ReportOutput { FileNameTemplate = "orders_{date:yyyyMMdd}.csv", Delimiter = "|", LineSuffix = ";" },
                Conditions = [new Condition { Name = "has rows", Source = ConditionSourceKind.RowCount, Value = "0" }],
            },
        ],
        Destinations = [new Destination { Kind = DestinationKind.Sftp, ConnectionId = sftpId, Folder = "/in" }],
        Conditions =
        [
            new Condition { Name = "orders loaded yesterday", ConnectionId = databaseId, Query = "select count(*) from orders", Value = "0" },
        ],
        Retry = new RetryPolicy { MaxRetries = 3 },
        Timeout = TimeSpan.FromMinutes(30),
        Schedules = [new Schedule { Id = Guid.NewGuid(), Kind = ScheduleKind.Cron, Cron = "0 6 * * *", TimeZone = "America/New_York" }],
    };
}
