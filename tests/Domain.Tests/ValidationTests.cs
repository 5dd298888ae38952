using Courier.Domain.Model;
using Courier.Domain.Scheduling;
using Courier.Domain.Validation;

namespace Courier.Domain.Tests;

public sealed class ValidationTests
{
    private static readonly Guid Db = Guid.NewGuid();
    private static readonly Guid Sftp = Guid.NewGuid();
    private static readonly Guid Smtp = Guid.NewGuid();
    private static readonly Project TheProject = Samples.Project() with { Id = Guid.NewGuid() };

    private static TaskValidationContext Context => new()
    {
        Project = TheProject,
        Connections = new Dictionary<Guid, ConnectionKind> { [Db] = ConnectionKind.Postgres, [Sftp] = ConnectionKind.Sftp, [Smtp] = ConnectionKind.Smtp },
    };

    private static TaskDefinition Valid => Samples.Task(TheProject.Id, Db, Sftp) with { Id = Guid.NewGuid() };

    private static IReadOnlyList<ValidationError> Check(TaskDefinition task) => TaskValidator.Validate(task, Context);

    [Fact]
    public void The_sample_task_and_project_are_valid()
    {
        Assert.Empty(Check(Valid));
        Assert.Empty(ProjectValidator.Validate(TheProject));
    }

    [Theory]
    [InlineData("0 6 * *")]
    [InlineData("61 * * * *")]
    [InlineData("* * * * * * *")]
    [InlineData("not a cron")]
    [InlineData("0 0 31 2 MON-XYZ")]
    public void A_cron_expression_that_does_not_parse_is_named(string cron)
    {
        var task = Valid with { Schedules = [new Schedule { Id = Guid.NewGuid(), Kind = ScheduleKind.Cron, Cron = cron }] };

        var error = Assert.Single(Check(task));

        Assert.Equal("schedules[0].cron", error.Field);
    }

    [Theory]
    [InlineData("*/30 * * * * *")]
    [InlineData("0-30/5 6-18 * * 1-5")]
    public void Cron_with_seconds_and_ranges_is_accepted(string cron)
    {
        var task = Valid with { Schedules = [new Schedule { Id = Guid.NewGuid(), Kind = ScheduleKind.Cron, Cron = cron }] };

        Assert.Empty(Check(task));
    }

    [Fact]
    public void An_unknown_time_zone_is_named()
    {
        var task = Valid with { Schedules = [new Schedule { Id = Guid.NewGuid(), Kind = ScheduleKind.Cron, Cron = "0 6 * * *", TimeZone = "Mars/Olympus" }] };

        Assert.Equal("schedules[0].timeZone", Assert.Single(Check(task)).Field);
    }

    [Fact]
    public void A_series_project_without_a_rank_conflict_rule_is_refused_and_so_are_its_tasks()
    {
        var project = TheProject with { RankConflictRule = null };

        Assert.Equal("rankConflictRule", Assert.Single(ProjectValidator.Validate(project)).Field);
        Assert.Equal("projectId", Assert.Single(TaskValidator.Validate(Valid, Context with { Project = project })).Field);
    }

    [Fact]
    public void A_taken_rank_is_refused_when_the_project_rejects_conflicts()
    {
        var context = Context with { Project = TheProject with { RankConflictRule = RankConflictRule.Reject }, RanksOfOtherTasks = new HashSet<int> { 1 } };

        Assert.Equal("rank", Assert.Single(TaskValidator.Validate(Valid, context)).Field);
    }

    [Fact]
    public void A_destination_pointing_at_a_connection_of_the_wrong_kind_is_named()
    {
        var task = Valid with { Destinations = [new Destination { Kind = DestinationKind.Sftp, ConnectionId = Db }] };

        var error = Assert.Single(Check(task));

        Assert.Equal("destinations[0].connectionId", error.Field);
        Assert.Contains("postgres", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_on_an_unknown_connection_is_named()
    {
        var task = Valid with { Reports = [Valid.Reports[0] with { Source = Valid.Reports[0].Source with { ConnectionId = Guid.NewGuid() } }] };

        Assert.Equal("reports[0].source.connectionId", Assert.Single(Check(task)).Field);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("out/orders.csv")]
    [InlineData("out\\orders.csv")]
    [InlineData("orders..csv")]
    [InlineData("")]
    [InlineData("orders_{date.csv")]
    [InlineData("orders_{}.csv")]
    [InlineData("a:b.csv")]
    public void A_file_name_template_with_a_path_traversal_or_a_broken_token_is_named(string template)
    {
        var report = Valid.Reports[0] with { Output = Valid.Reports[0].Output with { FileNameTemplate = template } };

        Assert.Equal("reports[0].output.fileNameTemplate", Assert.Single(Check(Valid with { Reports = [report] })).Field);
    }

    [Fact]
    public void A_row_count_condition_is_refused_at_task_level()
    {
        var task = Valid with { Conditions = [new Condition { Name = "rows", Source = ConditionSourceKind.RowCount, Value = "1" }] };

        Assert.Equal("conditions[0].source", Assert.Single(Check(task)).Field);
    }

    [Fact]
    public void Retry_policy_rules_name_each_field()
    {
        var task = Valid with { Retry = new RetryPolicy { MaxRetries = -1, FirstDelay = TimeSpan.Zero, BackoffCoefficient = 0.5, MaxDelay = TimeSpan.FromSeconds(-1) } };

        Assert.Equal(
            ["retry.backoffCoefficient", "retry.firstDelay", "retry.maxDelay", "retry.maxRetries"],
            Check(task).Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_email_destination_needs_a_mail_connection_and_recipients()
    {
        var task = Valid with { Destinations = [new Destination { Kind = DestinationKind.Email, ConnectionId = Smtp }] };

        Assert.Equal("destinations[0].kind", Assert.Single(Check(task)).Field);
    }

    [Fact]
    public void Attachment_limits_and_link_lifetimes_out_of_range_are_named_for_destinations_and_notifications()
    {
        var recipient = Guid.NewGuid();
        var context = Context with { RecipientIds = new HashSet<Guid> { recipient } };
        var email = new Destination
        {
            Kind = DestinationKind.Email,
            ConnectionId = Smtp,
            Email = new EmailOptions { MaxAttachmentBytes = -1, DownloadLinkValidity = TimeSpan.FromSeconds(30) },
        };
        var notification = new Notification
        {
            ConnectionId = Smtp,
            RecipientIds = [recipient],
            MaxAttachmentBytes = 60L * 1024 * 1024,
            DownloadLinkValidity = TimeSpan.FromDays(400),
        };
        var task = Valid with { Destinations = [email], RecipientIds = [recipient], Notifications = [notification] };

        Assert.Equal(
            ["destinations[0].email.downloadLinkValidity", "destinations[0].email.maxAttachmentBytes", "notifications[0].downloadLinkValidity", "notifications[0].maxAttachmentBytes"],
            TaskValidator.Validate(task, context).Select(e => e.Field).Order(StringComparer.Ordinal));

        var inRange = task with
        {
            Destinations = [email with { Email = new EmailOptions { MaxAttachmentBytes = 0, DownloadLinkValidity = TimeSpan.FromDays(365) } }],
            Notifications = [notification with { MaxAttachmentBytes = 50L * 1024 * 1024, DownloadLinkValidity = TimeSpan.FromMinutes(5) }],
        };
        Assert.Empty(TaskValidator.Validate(inRange, context));
    }

    [Fact]
    public void A_filter_the_project_does_not_have_is_named()
    {
        Assert.Equal("filters[0]", Assert.Single(Check(Valid with { Filters = ["APAC only"] })).Field);
    }

    [Fact]
    public void A_task_without_reports_is_refused()
    {
        Assert.Equal("reports", Assert.Single(Check(Valid with { Reports = [] })).Field);
    }

    [Fact]
    public void Test_mode_needs_an_address()
    {
        Assert.Equal("testMode.address", Assert.Single(Check(Valid with { TestMode = new TestMode { Enabled = true } })).Field);
    }

    [Fact]
    public void Connection_rules_follow_the_kind()
    {
        var sftp = Samples.Sftp() with { Id = Guid.NewGuid(), Secrets = new ConnectionSecrets() };
        var gpg = new Connection { Id = Guid.NewGuid(), Name = "key", Kind = ConnectionKind.GpgKey, Secrets = new ConnectionSecrets { PgpKey = "not armored" } };

        Assert.Equal("secrets.password", Assert.Single(ConnectionValidator.Validate(sftp)).Field);
        Assert.Equal("secrets.pgpKey", Assert.Single(ConnectionValidator.Validate(gpg)).Field);
        Assert.Empty(ConnectionValidator.Validate(Samples.Postgres() with { Id = Guid.NewGuid() }));
    }

    [Fact]
    public void No_rule_repeats_the_submitted_value()
    {
        var connection = Samples.Sftp(Samples.Canary) with { Id = Guid.NewGuid(), Settings = new ConnectionSettings { Host = Samples.Canary, Port = 70000, BaseAddress = Samples.Canary } };

        var errors = ConnectionValidator.Validate(connection);

        Assert.NotEmpty(errors);
        Assert.DoesNotContain(errors, e => e.Rule.Contains(Samples.Canary, StringComparison.Ordinal));
    }
}
