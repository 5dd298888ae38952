using Courier.Domain.Pipeline.Naming;
using Microsoft.Extensions.Time.Testing;

namespace Courier.Pipeline.Tests;

public sealed class FileNameTemplateTests
{
    private static FileNameContext At(DateTimeOffset now, string zone = "UTC", Dictionary<string, string>? task = null, Dictionary<string, string>? project = null) =>
        FileNameContext.Create(new FakeTimeProvider(now), zone, "sales", "daily", "run42", task, project);

    [Fact]
    public void Rendered_on_the_first_of_March_last_month_is_February_with_28_days()
    {
        var context = At(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));

        var name = FileNameTemplate.Parse("{lastMonth:MMMM}_{firstDayOfLastMonth:yyyy-MM-dd}_{lastDayOfLastMonth:yyyy-MM-dd}.csv").Render(context);

        Assert.Equal("February_2026-02-01_2026-02-28.csv", name);
        Assert.Equal(28, DateTime.DaysInMonth(2026, 2));
    }

    [Theory]
    [InlineData("{yesterday:yyyy-MM-dd}", "2026-02-28")]
    [InlineData("{date-1d:yyyyMMdd}", "20260228")]
    [InlineData("{date}", "20260301")]
    [InlineData("{today:dd.MM.yyyy}", "01.03.2026")]
    [InlineData("{tomorrow:yyyyMMdd}", "20260302")]
    [InlineData("{lastMonth}", "202602")]
    [InlineData("{firstDayOfMonth:yyyyMMdd}_{lastDayOfMonth:yyyyMMdd}", "20260301_20260331")]
    [InlineData("{lastDayOfMonth-1M:yyyyMMdd}", "20260228")]
    [InlineData("{lastDayOfMonth-12M:yyyyMMdd}", "20250331")]
    [InlineData("{date-1y:yyyy}_{lastYear}", "2025_2025")]
    [InlineData("{date+1M-1d:yyyyMMdd}", "20260331")]
    [InlineData("{week}", "09")]
    [InlineData("{week-1w:0}", "8")]
    [InlineData("{weekYear}W{week}", "2026W09")]
    [InlineData("{now:yyyyMMdd_HHmm}", "20260301_1030")]
    [InlineData("{now-2h:HH}", "08")]
    [InlineData("{{literal}}_{DATE}", "{literal}_20260301")]
    public void Date_tokens_and_arithmetic(string template, string expected)
    {
        var context = At(new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.Zero));

        Assert.Equal(expected, FileNameTemplate.Parse(template).Render(context));
    }

    [Fact]
    public void Dates_are_taken_in_the_tasks_time_zone()
    {
        // 03:00 UTC on 1 March is still 28 February, 22:00 in New York.
        var now = new DateTimeOffset(2026, 3, 1, 3, 0, 0, TimeSpan.Zero);
        var template = FileNameTemplate.Parse("{date:yyyy-MM-dd}_{yesterday:dd}_{lastMonth:MM}");

        Assert.Equal("2026-02-28_27_01", template.Render(At(now, "America/New_York")));
        Assert.Equal("2026-03-01_28_02", template.Render(At(now, "Europe/Paris")));
    }

    [Fact]
    public void Task_parameters_override_project_parameters_and_run_tokens_fill_in()
    {
        var context = At(
            new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
            task: new() { ["region"] = "emea" },
            project: new() { ["region"] = "world", ["client"] = "acme" });

        var template = FileNameTemplate.Parse("{project}-{task}-{param:client}-{param:region}-{runId}.csv");

        Assert.Equal("sales-daily-acme-emea-run42.csv", template.Render(context));
        Assert.Equal(["client", "region"], template.ParameterNames);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("..")]
    [InlineData("a/b.csv")]
    [InlineData("a\\b.csv")]
    [InlineData("report..csv")]
    [InlineData("{date:yyyy/MM/dd}.csv")]
    [InlineData("x\u0001.csv")]
    [InlineData("{now:HH:mm}.csv")]
    [InlineData("a:b.csv")]
    [InlineData("a|b.csv")]
    public void Traversal_in_the_template_is_rejected_when_saved(string template)
    {
        Assert.NotEmpty(FileNameTemplate.Validate(template));
        Assert.Throws<FileNameException>(() => FileNameTemplate.Parse(template));
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("x\ny")]
    [InlineData("")]
    public void Traversal_through_a_parameter_value_is_rejected_when_rendered(string value)
    {
        var template = FileNameTemplate.Parse("{param:p}");
        var context = At(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), task: new() { ["p"] = value });

        Assert.Throws<FileNameException>(() => template.Render(context));
    }

    [Fact]
    public void A_missing_parameter_fails_with_its_name()
    {
        var template = FileNameTemplate.Parse("{param:region}.csv");

        var error = Assert.Throws<FileNameException>(() => template.Render(At(DateTimeOffset.UnixEpoch)));

        Assert.Contains("region", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{nope}.csv", 2)]
    [InlineData("ab{date", 3)]
    [InlineData("ab}c", 3)]
    [InlineData("x{date-1q}", 7)]
    [InlineData("x{date:}", 8)]
    [InlineData("x{param}", 3)]
    [InlineData("x{param:a b}", 9)]
    [InlineData("x{runId:yyyy}", 3)]
    [InlineData("x{week:yyyy}", 8)]
    public void Syntax_errors_name_their_position(string template, int position)
    {
        var errors = FileNameTemplate.Validate(template);

        var error = Assert.Single(errors);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void A_valid_template_has_no_errors()
    {
        Assert.Empty(FileNameTemplate.Validate("orders_{param:client}_{yesterday:yyyy-MM-dd}_{runId}.csv"));
    }
}
