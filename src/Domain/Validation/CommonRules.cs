using System.Net.Mail;
using System.Text.RegularExpressions;
using Courier.Domain.Model;

namespace Courier.Domain.Validation;

/// <summary>Rules shared by every resource: names, owners, tags, properties, parameters, addresses.</summary>
public static partial class CommonRules
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;

    public static void Name(FieldErrors errors, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required");
        }
        else if (value.Length > MaxNameLength)
        {
            errors.Add(field, $"must be at most {MaxNameLength} characters");
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add(field, "must not contain control characters");
        }
    }

    public static void Text(FieldErrors errors, string field, string? value, int max = MaxTextLength)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not null && value.Length > max)
        {
            errors.Add(field, $"must be at most {max} characters");
        }
    }

    public static void Id(FieldErrors errors, string field, Guid value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value == Guid.Empty)
        {
            errors.Add(field, "must be a non-empty GUID");
        }
    }

    public static void Tags(FieldErrors errors, IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(tags);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < tags.Count; i++)
        {
            var field = $"tags[{i}]";
            Name(errors, field, tags[i]);
            if (tags[i] is { } tag && !seen.Add(tag))
            {
                errors.Add(field, "is listed twice");
            }
        }
    }

    public static void CustomProperties(FieldErrors errors, IReadOnlyList<CustomProperty> properties)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(properties);
        for (var i = 0; i < properties.Count; i++)
        {
            var item = errors.Item("customProperties", i);
            Name(item, "name", properties[i].Name);
            Text(item, "value", properties[i].Value, MaxNameLength);
        }
    }

    public static void Parameters(FieldErrors errors, string field, IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(parameters);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < parameters.Count; i++)
        {
            var item = errors.Item(field, i);
            var name = parameters[i].Name;
            if (string.IsNullOrEmpty(name) || !ParameterName().IsMatch(name))
            {
                item.Add("name", "must start with a letter or _ and contain only letters, digits and _ (at most 64)");
            }
            else if (!seen.Add(name))
            {
                item.Add("name", "is listed twice");
            }

            Text(item, "value", parameters[i].Value);
        }
    }

    public static bool IsEmailAddress(string? value) =>
        !string.IsNullOrWhiteSpace(value) && MailAddress.TryCreate(value, out var address)
        && string.Equals(address.Address, value.Trim(), StringComparison.OrdinalIgnoreCase);

    public static bool IsHttpAddress(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static void Port(FieldErrors errors, string field, int? port)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (port is < 1 or > 65535)
        {
            errors.Add(field, "must be between 1 and 65535");
        }
    }

    public static void PositiveSeconds(FieldErrors errors, string field, int? seconds)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (seconds is <= 0)
        {
            errors.Add(field, "must be a positive number of seconds");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex ParameterName();
}
