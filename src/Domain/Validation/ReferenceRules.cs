using Courier.Domain.Model;

namespace Courier.Domain.Validation;

/// <summary>Checks that ids point at existing resources of the right kind.</summary>
internal static class ReferenceRules
{
    public static void Connection(FieldErrors errors, string field, Guid? id, IReadOnlySet<ConnectionKind> allowed, TaskValidationContext context, bool required)
    {
        if (id is not { } value)
        {
            if (required)
            {
                errors.Add(field, $"is required (a connection of kind {ConnectionKinds.Describe(allowed)})");
            }

            return;
        }

        if (!context.Connections.TryGetValue(value, out var kind))
        {
            errors.Add(field, "is not a known connection");
        }
        else if (!allowed.Contains(kind))
        {
            errors.Add(field, $"points at a {ConnectionKinds.Describe([kind])} connection; expected {ConnectionKinds.Describe(allowed)}");
        }
    }

    public static void Recipients(FieldErrors errors, string field, IReadOnlyList<Guid> ids, IReadOnlySet<Guid> known, string what)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (!known.Contains(ids[i]))
            {
                errors.Add($"{field}[{i}]", $"is not a known {what}");
            }
        }
    }

    public static void Code(FieldErrors errors, CodeLocation code, TaskValidationContext context)
    {
        if (code.Kind == CodeLocationKind.Inline)
        {
            if (string.IsNullOrWhiteSpace(code.Text))
            {
                errors.Add("text", "is required for inline code");
            }

            CommonRules.Text(errors, "text", code.Text, 256 * 1024);
            return;
        }

        if (string.IsNullOrWhiteSpace(code.Path))
        {
            errors.Add("path", "is required when the code is not inline");
        }
        else if (code.Kind == CodeLocationKind.Web && !CommonRules.IsHttpAddress(code.Path))
        {
            errors.Add("path", "must be an absolute http or https address");
        }
        else if (code.Kind != CodeLocationKind.Web && code.Path.Split('/', '\\').Contains(".."))
        {
            errors.Add("path", "must not contain '..'");
        }

        Connection(errors, "connectionId", code.ConnectionId, ConnectionKinds.ForCode(code.Kind), context, required: code.Kind != CodeLocationKind.Web);
    }

    public static void Conditions(FieldErrors errors, IReadOnlyList<Condition> conditions, TaskValidationContext context, bool reportLevel)
    {
        for (var i = 0; i < conditions.Count; i++)
        {
            var c = conditions[i];
            var item = errors.Item("conditions", i);
            CommonRules.Name(item, "name", c.Name);
            if (c.Value is null)
            {
                item.Add("value", "is required");
            }

            if (c.Source == ConditionSourceKind.RowCount)
            {
                if (!reportLevel)
                {
                    item.Add("source", "rowCount is only available in report-level conditions");
                }

                if (c.Query is not null || c.ConnectionId is not null)
                {
                    item.Add("query", "applies only to query conditions");
                }

                if (!decimal.TryParse(c.Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    item.Add("value", "must be a number for a rowCount condition");
                }

                continue;
            }

            if (string.IsNullOrWhiteSpace(c.Query))
            {
                item.Add("query", "is required (a scalar SQL query)");
            }

            Connection(item, "connectionId", c.ConnectionId, ConnectionKinds.Databases, context, required: true);
        }
    }
}
