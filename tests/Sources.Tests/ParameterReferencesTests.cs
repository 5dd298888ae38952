using Courier.Domain.Sources.Sql;

namespace Courier.Sources.Tests;

public sealed class ParameterReferencesTests
{
    [Fact]
    public void Names_in_literals_comments_and_system_variables_are_not_parameters()
    {
        var sql = """
            SELECT @a, '@b', "@c", [@d], `@e` -- @f
            /* @g */ FROM t WHERE x = @H AND y = @a AND z = @@ROWCOUNT AND w = 'it''s @i' AND v = @j_2
            """;

        Assert.Equal(["a", "H", "j_2"], ParameterReferences.Find(sql));
    }
}
