using System.IO.Compression;
using System.Diagnostics;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Courier.Domain.Model;
using Courier.Domain.Pipeline.Storage;
using Courier.Domain.Reports;
using Courier.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Courier.Sources.Tests.Reports;

public sealed class ReportBuilderTests(ReportServers servers) : IClassFixture<ReportServers>
{
    // 02:00 UTC on 1 March is still 28 February in New York, the task's schedule zone.
    private static readonly DateTimeOffset Started = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private IReportBuilder Builder => servers.Services.GetRequiredService<IReportBuilder>();

    [Fact]
    public async Task A_filtered_postgres_report_is_encrypted_zipped_stored_and_recorded_with_its_hashes()
    {
        var table = await OrdersTableAsync();
        var database = await StoreAsync(PostgresConnection(password: "unused-but-stored"));
        var key = await StoreAsync(new Connection { Name = UniqueName.For("key"), Kind = ConnectionKind.GpgKey, Secrets = new() { PgpKey = servers.Gpg.RsaPublicKey } });
        var report = new ReportDefinition
        {
            Name = "EU orders",
            Source = new SourceDefinition
            {
                Kind = SourceKind.Sql,
                ConnectionId = database,
                Query = new CodeLocation { Text = $"SELECT id, region, day FROM {table} WHERE region = @region AND id > @minId AND day = @yesterday ORDER BY id" },
            },
            Output = new ReportOutput
            {
                FileNameTemplate = "orders_{today:yyyyMMdd}_{param:minId}.csv",
                LineEnding = LineEnding.Lf,
                PgpKeyConnectionId = key,
                Zip = true,
            },
        };
        var (task, project) = Task(report, taskParameters: [new() { Name = "minId", Value = "2" }]);
        var run = UniqueName.For("run");
        var log = new RunLog();

        var result = await Builder.BuildAsync(new ReportBuildRequest(task, project, report.Name, run, Started), log, CancellationToken.None);

        var file = Assert.Single(result.Files);
        Assert.Null(result.SkippedReason);
        // The date is New York's (28 February) and the task's minId (2) won over the project's (0).
        Assert.Equal("orders_20260228_2.csv.gpg.zip", file.Name);
        Assert.Equal($"outputs/{project.Id:D}/{task.Id:D}/{run}/{file.Name}", file.BlobPath);
        var bytes = (await Blobs.GetBlobContainerClient("outputs").GetBlobClient(file.BlobPath["outputs/".Length..]).DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(bytes.Length, file.Size);
        Assert.Equal(Digest("md5sum", bytes), file.Md5);
        Assert.Equal(Digest("sha256sum", bytes), file.Sha256);
        Assert.Equal(file, Assert.Single(await RunFiles.ListAsync(run, CancellationToken.None)));

        // Only EU rows above id 2 dated yesterday (27 February in New York): the filter, parameters and date were bound.
        var csv = Decrypt(bytes, "orders_20260228_2.csv.gpg");
        Assert.Equal(["id,region,day", "4,EU,2026-02-27", "6,EU,2026-02-27"], csv.TrimEnd('\n').Split('\n'));
        Assert.Equal(2, file.RowCount);
        Assert.Contains(log.Lines, line => line.Contains($"Report 'EU orders': stored {file.Name}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_row_count_condition_that_fails_skips_the_report_and_leaves_no_file()
    {
        var table = await OrdersTableAsync();
        var database = await StoreAsync(PostgresConnection());
        var report = new ReportDefinition
        {
            Name = "Nothing for Mars",
            Source = new SourceDefinition
            {
                Kind = SourceKind.Sql,
                ConnectionId = database,
                Query = new CodeLocation { Text = $"SELECT id FROM {table} WHERE region = @region" },
                Parameters = [new() { Name = "region", Value = "MARS" }],
            },
            Output = new ReportOutput { FileNameTemplate = "mars.csv" },
            Conditions = [new Condition { Name = "has rows", Source = ConditionSourceKind.RowCount, Operator = ComparisonOperator.GreaterThan, Value = "0" }],
        };
        var (task, project) = Task(report);
        var run = UniqueName.For("run");
        var log = new RunLog();

        var result = await Builder.BuildAsync(new ReportBuildRequest(task, project, report.Name, run, Started), log, CancellationToken.None);

        Assert.Empty(result.Files);
        Assert.Equal("Condition 'has rows' does not hold: measured 0, expected > 0.", result.SkippedReason);
        Assert.Empty(await RunFiles.ListAsync(run, CancellationToken.None));
        var left = Blobs.GetBlobContainerClient("outputs").GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{project.Id:D}/{task.Id:D}/{run}/", CancellationToken.None);
        Assert.Empty(await left.ToListAsync());
        Assert.Contains(log.Lines, line => line.StartsWith("Warning: Report 'Nothing for Mars' is skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_task_condition_query_that_does_not_hold_gives_the_reason_and_one_that_holds_gives_none()
    {
        var table = await OrdersTableAsync();
        var database = await StoreAsync(PostgresConnection());
        var conditions = servers.Services.GetRequiredService<ITaskConditions>();
        Condition EuCount(string op, string value) => new()
        {
            Name = "EU orders loaded",
            ConnectionId = database,
            Query = $"SELECT count(*) FROM {table} WHERE region = @region",
            Operator = Enum.Parse<ComparisonOperator>(op),
            Value = value,
        };
        var (task, project) = Task(report: null);
        var log = new RunLog();

        var failing = await conditions.CheckAsync(task with { Conditions = [EuCount("GreaterThan", "10")] }, project, log, CancellationToken.None);
        var holding = await conditions.CheckAsync(task with { Conditions = [EuCount("Equal", "3")] }, project, log, CancellationToken.None);

        // Three EU rows: the filter's region was bound to the condition's query.
        Assert.Equal("Condition 'EU orders loaded' does not hold: measured 3, expected > 10.", failing);
        Assert.Null(holding);
        Assert.Contains("Information: Task condition 'EU orders loaded' holds", log.Lines);
    }

    [Fact]
    public async Task A_failing_source_names_the_report_and_the_stage_but_never_the_password()
    {
        var closedPort = FreePort.Next();
        var database = await StoreAsync(new Connection
        {
            Name = UniqueName.For("down"),
            Kind = ConnectionKind.Postgres,
            Secrets = new() { ConnectionString = $"Host=127.0.0.1;Port={closedPort};Username=postgres;Password=Sup3rSecret!;Timeout=3" },
        });
        var report = new ReportDefinition
        {
            Name = "Unreachable",
            Source = new SourceDefinition { Kind = SourceKind.Sql, ConnectionId = database, Query = new CodeLocation { Text = "SELECT 1" } },
            Output = new ReportOutput { FileNameTemplate = "x.csv" },
        };
        var (task, project) = Task(report);
        var log = new RunLog();

        var error = await Assert.ThrowsAsync<ReportBuildException>(() =>
            Builder.BuildAsync(new ReportBuildRequest(task, project, report.Name, UniqueName.For("run"), Started), log, CancellationToken.None));

        Assert.StartsWith("Report 'Unreachable': reading the Sql source failed: Could not connect to the database", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3rSecret", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(log.Lines, line => line.Contains("Sup3rSecret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_script_alone_that_writes_two_files_gives_two_stored_files_named_by_the_template()
    {
        var report = new ReportDefinition
        {
            Name = "Split",
            Source = new SourceDefinition { Kind = SourceKind.Script },
            Processing = new ProcessingScript
            {
                Code = new CodeLocation
                {
                    Text = """
                        import json, os
                        for part in ("north", "south"):
                            with open(part + ".csv", "w") as f:
                                f.write("region,run\n" + part + "," + os.environ["COURIER_RUN_ID"] + "\n")
                        print(json.dumps(["north.csv", "south.csv"]))
                        """,
                },
            },
            Output = new ReportOutput { Format = OutputFormat.Original, FileNameTemplate = "regions_{today:yyyyMMdd}.csv" },
        };
        var (task, project) = Task(report);
        var run = UniqueName.For("run");

        var result = await Builder.BuildAsync(new ReportBuildRequest(task, project, report.Name, run, Started), new RunLog(), CancellationToken.None);

        Assert.Equal(["regions_20260228_north.csv", "regions_20260228_south.csv"], result.Files.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(result.Files, f => Assert.Equal(1, f.RowCount));
        var south = result.Files.Single(f => f.Name.EndsWith("south.csv", StringComparison.Ordinal));
        var content = (await Blobs.GetBlobContainerClient("outputs").GetBlobClient(south.BlobPath["outputs/".Length..]).DownloadContentAsync()).Value.Content.ToString();
        Assert.Equal($"region,run\nsouth,{run}\n", content);
    }

    [Theory]
    [InlineData(FileMatch.All, new[] { "sales_1.csv", "sales_2.csv" })]
    [InlineData(FileMatch.Newest, new[] { "sales_2.csv" })]
    public async Task A_remote_file_wildcard_takes_every_match_or_the_newest(FileMatch matches, string[] expected)
    {
        var (container, drops) = await BlobConnectionAsync("drops");
        foreach (var (name, body) in new[] { ("in/sales_1.csv", "n\n1\n"), ("in/other.txt", "x\n"), ("in/sales_2.csv", "n\n2\n") })
        {
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(body));
        }
        var report = new ReportDefinition
        {
            Name = "Drops",
            Source = new SourceDefinition { Kind = SourceKind.RemoteFile, ConnectionId = drops, Path = "in/sales_*.csv", Matches = matches },
            Output = new ReportOutput { Format = OutputFormat.Original, FileNameTemplate = "sales.csv" },
        };
        var (task, project) = Task(report);

        var result = await Builder.BuildAsync(new ReportBuildRequest(task, project, report.Name, UniqueName.For("run"), Started), new RunLog(), CancellationToken.None);

        Assert.Equal(expected.Length, result.Files.Count);
        var contents = new List<string>();
        foreach (var file in result.Files)
        {
            contents.Add(await OutputTextAsync(file));
        }
        Assert.Equal(expected.Select(e => $"n\n{e[6]}\n"), contents.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_zip_script_package_from_a_blob_runs_its_entry_point_with_the_modules_beside_it()
    {
        var (container, scripts) = await BlobConnectionAsync("scripts");
        using (var zip = new MemoryStream())
        {
            using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            {
                await WriteEntryAsync(archive, "jobs/main.py", "import json, shape\nwith open('shaped.csv', 'w') as f:\n    f.write(shape.header() + '\\n1\\n')\nprint(json.dumps(['shaped.csv']))\n");
                await WriteEntryAsync(archive, "jobs/shape.py", "def header():\n    return 'from_the_package'\n");
            }
            zip.Position = 0;
            await container.GetBlobClient("packages/shape.zip").UploadAsync(zip);
        }
        var report = new ReportDefinition
        {
            Name = "Packaged",
            Source = new SourceDefinition { Kind = SourceKind.Script },
            Processing = new ProcessingScript
            {
                Code = new CodeLocation { Kind = CodeLocationKind.Blob, ConnectionId = scripts, Path = "packages/shape.zip" },
                EntryPoint = "jobs/main.py",
            },
            Output = new ReportOutput { Format = OutputFormat.Original, FileNameTemplate = "shaped.csv" },
        };
        var (task, project) = Task(report);

        var result = await Builder.BuildAsync(new ReportBuildRequest(task, project, report.Name, UniqueName.For("run"), Started), new RunLog(), CancellationToken.None);

        var file = Assert.Single(result.Files);
        var content = await OutputTextAsync(file);
        Assert.Equal("from_the_package\n1\n", content);
    }

    [Fact]
    public async Task A_script_folder_in_a_blob_container_runs_its_entry_point_with_the_files_beside_it_and_not_those_below()
    {
        var (container, scripts) = await BlobConnectionAsync("scripts");
        await container.GetBlobClient("folders/shape/main.py").UploadAsync(BinaryData.FromString(
            "import json, os, shape\nwith open('shaped.csv', 'w') as f:\n    f.write(shape.header() + '\\n' + str(os.path.exists('deeper.py')) + '\\n')\nprint(json.dumps(['shaped.csv']))\n"));
        await container.GetBlobClient("folders/shape/shape.py").UploadAsync(BinaryData.FromString("def header():\n    return 'from_the_folder'\n"));
        await container.GetBlobClient("folders/shape/nested/deeper.py").UploadAsync(BinaryData.FromString("raise SystemExit(3)\n"));
        var report = new ReportDefinition
        {
            Name = "Foldered",
            Source = new SourceDefinition { Kind = SourceKind.Script },
            Processing = new ProcessingScript
            {
                Code = new CodeLocation { Kind = CodeLocationKind.Blob, ConnectionId = scripts, Path = "folders/shape/" },
                EntryPoint = "main.py",
            },
            Output = new ReportOutput { Format = OutputFormat.Original, FileNameTemplate = "shaped.csv" },
        };
        var (task, project) = Task(report);

        var result = await Builder.BuildAsync(new ReportBuildRequest(task, project, report.Name, UniqueName.For("run"), Started), new RunLog(), CancellationToken.None);

        var file = Assert.Single(result.Files);
        var content = await OutputTextAsync(file);
        Assert.Equal("from_the_folder\nFalse\n", content);

        var empty = report with { Processing = report.Processing with { Code = report.Processing.Code with { Path = "folders/none/" } } };
        var (emptyTask, emptyProject) = Task(empty);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Builder.BuildAsync(
            new ReportBuildRequest(emptyTask, emptyProject, empty.Name, UniqueName.For("run"), Started), new RunLog(), CancellationToken.None));
        Assert.Contains("folders/none/ holds no file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_on_a_GitLab_style_server_is_fetched_with_the_token_in_the_header_the_connection_names()
    {
        using var server = new RawFileServer("glpat-secret");
        server.Put("group/repo/raw/main/job.py", "import json\nopen('job.csv', 'w').write('n\\n7\\n')\nprint(json.dumps(['job.csv']))\n");
        var gitlab = await StoreAsync(new Connection
        {
            Name = UniqueName.For("gitlab"),
            Kind = ConnectionKind.Http,
            Settings = new ConnectionSettings { BaseAddress = server.Address("").ToString(), TokenHeader = "PRIVATE-TOKEN" },
            Secrets = new ConnectionSecrets { Token = "glpat-secret" },
        });
        var report = new ReportDefinition
        {
            Name = "FromGitLab",
            Source = new SourceDefinition { Kind = SourceKind.Script },
            Processing = new ProcessingScript
            {
                Code = new CodeLocation { Kind = CodeLocationKind.Web, ConnectionId = gitlab, Path = server.Address("group/repo/raw/main/job.py").ToString() },
            },
            Output = new ReportOutput { Format = OutputFormat.Original, FileNameTemplate = "job.csv" },
        };
        var (task, project) = Task(report);

        var result = await Builder.BuildAsync(new ReportBuildRequest(task, project, report.Name, UniqueName.For("run"), Started), new RunLog(), CancellationToken.None);

        Assert.Equal(1, Assert.Single(result.Files).RowCount);
    }

    /// <summary>A new container in the test Azurite and a stored blob connection to it.</summary>
    private async Task<(BlobContainerClient Container, Guid ConnectionId)> BlobConnectionAsync(string name)
    {
        var container = Blobs.GetBlobContainerClient(UniqueName.For(name));
        await container.CreateIfNotExistsAsync();
        var id = await StoreAsync(new Connection
        {
            Name = UniqueName.For(name),
            Kind = ConnectionKind.Blob,
            Settings = new ConnectionSettings { Path = container.Name },
            Secrets = new ConnectionSecrets { ConnectionString = servers.AzuriteConnectionString },
        });
        return (container, id);
    }

    private static async Task WriteEntryAsync(System.IO.Compression.ZipArchive archive, string name, string text)
    {
        await using var entry = archive.CreateEntry(name).Open();
        await entry.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text));
    }

    private BlobServiceClient Blobs => servers.Services.GetRequiredService<BlobServiceClient>();

    private async Task<string> OutputTextAsync(RunFile file) =>
        (await Blobs.GetBlobContainerClient("outputs").GetBlobClient(file.BlobPath["outputs/".Length..]).DownloadContentAsync()).Value.Content.ToString();

    private RunFileRepository RunFiles => servers.Services.GetRequiredService<RunFileRepository>();

    private Connection PostgresConnection(string? password = null) => new()
    {
        Name = UniqueName.For("pg"),
        Kind = ConnectionKind.Postgres,
        Settings = new() { Host = servers.Postgres.Host, Port = servers.Postgres.Port, Database = servers.Postgres.Database, Username = servers.Postgres.UserName },
        Secrets = new() { Password = password },
    };

    private async Task<Guid> StoreAsync(Connection connection)
    {
        var stored = await servers.Connections.CreateAsync(connection with { Id = Guid.NewGuid() });
        return stored.Value.Id;
    }

    /// <summary>Six orders: EU on even ids, US on odd ones; ids 4 and 6 are dated 27 February.</summary>
    private async Task<string> OrdersTableAsync()
    {
        var table = UniqueName.For("orders");
        await using var connection = new NpgsqlConnection(servers.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand(
            $"""
            CREATE TABLE {table} (id int, region text, day date);
            INSERT INTO {table} VALUES (1, 'US', '2026-02-27'), (2, 'EU', '2026-02-27'), (3, 'US', '2026-02-27'),
                                       (4, 'EU', '2026-02-27'), (5, 'US', '2026-02-28'), (6, 'EU', '2026-02-27');
            """, connection);
        await create.ExecuteNonQueryAsync();
        return table;
    }

    private static (TaskDefinition Task, Project Project) Task(ReportDefinition? report, IReadOnlyList<Parameter>? taskParameters = null)
    {
        var project = new Project
        {
            Id = Guid.NewGuid(),
            Name = "Sales",
            Owner = "tests",
            Filters = [new Filter { Name = "EU only", Parameters = [new() { Name = "region", Value = "EU" }] }],
            Parameters = [new() { Name = "minId", Value = "0" }],
        };
        var task = new TaskDefinition
        {
            Id = Guid.NewGuid(),
            Name = "Daily orders",
            ProjectId = project.Id,
            Owner = "tests",
            Reports = report is null ? [] : [report],
            Filters = ["EU only"],
            Parameters = taskParameters ?? [],
            Schedules = [new Schedule { Kind = Domain.Scheduling.ScheduleKind.Cron, Cron = "0 6 * * *", TimeZone = "America/New_York" }],
        };
        return (task, project);
    }

    /// <summary>The digest md5sum or sha256sum prints for <paramref name="bytes"/>.</summary>
    private static string Digest(string tool, byte[] bytes)
    {
        using var process = Process.Start(new ProcessStartInfo(tool) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(bytes);
        process.StandardInput.Close();
        process.WaitForExit();
        return output.Result.Split(' ')[0];
    }

    private string Decrypt(byte[] zipBytes, string entryName)
    {
        var folder = Directory.CreateTempSubdirectory("courier-report-").FullName;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(zipBytes));
            var encrypted = Path.Combine(folder, entryName);
            zip.GetEntry(entryName)!.ExtractToFile(encrypted);
            var plain = Path.Combine(folder, "plain.csv");
            servers.Gpg.Decrypt(encrypted, plain);
            return File.ReadAllText(plain);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
