using Courier.Domain.Sources;
using Courier.Domain.Sources.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Courier.Sources.Tests;

/// <summary>The SQL source as the application registers it, and contexts for a given moment and zone.</summary>
internal static class Sql
{
    public static SqlSource Source { get; } =
        new ServiceCollection().AddSources().BuildServiceProvider().GetRequiredService<SqlSource>();

    public static SourceContext Context(
        RunLog log,
        DateTimeOffset? now = null,
        string timeZone = "UTC",
        IReadOnlyDictionary<string, string>? taskParameters = null,
        IReadOnlyDictionary<string, string>? projectParameters = null) =>
        new(new FakeTimeProvider(now ?? new DateTimeOffset(2026, 5, 15, 12, 0, 0, TimeSpan.Zero)),
            TimeZoneInfo.FindSystemTimeZoneById(timeZone), log, taskParameters, projectParameters);
}
