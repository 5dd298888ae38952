using System.Text;
using Courier.Domain.Model;
using Courier.Domain.Validation;

namespace Courier.Domain.Tests;

public sealed class StrictJsonTests
{
    private const string Project = "\"projectId\":\"5b0f2605-8d8f-4edf-8000-000000000001\"";

    [Theory]
    [InlineData("{\"name\":\"a\",\"owner\":\"o\"," + Project + ",\"colour\":1}", "colour", "is not a known field")]
    [InlineData("{\"name\":\"a\",\"owner\":\"o\"," + Project + ",\"retry\":{\"maxRetriez\":1}}", "retry.maxRetriez", "is not a known field")]
    [InlineData("{\"name\":\"a\",\"owner\":\"o\",\"projectId\":\"not-a-guid\"}", "projectId", "must be a GUID")]
    [InlineData("{\"name\":\"a\",\"owner\":\"o\"," + Project + ",\"enabled\":\"yes\"}", "enabled", "must be true or false")]
    [InlineData("{\"name\":\"a\",\"owner\":\"o\"," + Project + ",\"rank\":1.5}", "rank", "must be an integer")]
    [InlineData("{\"name\":\"a\",\"owner\":\"o\"," + Project + ",\"tags\":\"x\"}", "tags", "must be an array")]
    [InlineData("{\"name\":\"a\",\"owner\":\"o\"," + Project + ",\"tags\":[null]}", "tags[0]", "must not be null")]
    [InlineData("{\"owner\":\"o\"," + Project + "}", "name", "is required")]
    [InlineData("{\"name\":null,\"owner\":\"o\"," + Project + "}", "name", "must not be null")]
    [InlineData("{\"name\":\"a\",\"owner\":\"o\"," + Project + ",\"reports\":[{\"name\":\"r\",\"source\":{\"kind\":\"sql\"}}]}", "reports[0].output", "is required")]
    [InlineData("{\"name\":\"a\",\"owner\":\"o\"," + Project + ",\"reports\":[{\"name\":\"r\",\"source\":{\"kind\":0},\"output\":{\"fileNameTemplate\":\"x\"}}]}", "reports[0].source.kind", "must be one of")]
    [InlineData("{\"name\":\"a\",\"name\":\"b\",\"owner\":\"o\"," + Project + "}", "name", "more than once")]
    [InlineData("{\"name\":\"a\",\"owner\":", "body", "is not valid JSON")]
    [InlineData("[1]", "body", "must be a JSON object")]
    public void Each_malformed_body_names_its_field(string json, string field, string rule)
    {
        var error = Assert.Single(Assert.Throws<ValidationException>(() => StrictJson.Deserialize<TaskDefinition>(Encoding.UTF8.GetBytes(json))).Errors);

        Assert.Equal(field, error.Field);
        Assert.Contains(rule, error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_enum_value_lists_the_known_ones()
    {
        var error = Assert.Single(Assert.Throws<ValidationException>(
            () => StrictJson.Deserialize<Connection>(Encoding.UTF8.GetBytes("{\"name\":\"c\",\"kind\":\"oracle\"}"))).Errors);

        Assert.Equal("kind", error.Field);
        Assert.Contains("postgres", error.Rule, StringComparison.Ordinal);
        Assert.DoesNotContain("oracle", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_written_task_reads_back_equal()
    {
        var task = Samples.Task(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()) with { Id = Guid.NewGuid() };

        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(task, CourierJson.Options);
        var back = StrictJson.Deserialize<TaskDefinition>(json);

        Assert.Equal(Encoding.UTF8.GetString(json), Encoding.UTF8.GetString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(back, CourierJson.Options)));
        Assert.Contains("\"kind\":\"sql\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }
}
