using System.Text.RegularExpressions;

namespace Courier.Domain.Destinations.Email;

/// <summary>Recipients written digits@gateway are phones behind an email-to-SMS gateway (Atlas's rule, ^\d+@).</summary>
public static partial class SmsGateway
{
    public const string DefaultMessage = "{{ task_name | default: 'Courier' }}: {{ file_name }} was delivered.";

    public static bool IsSmsAddress(string address) => SmsPattern().IsMatch(address);

    [GeneratedRegex(@"^\+?\d+@", RegexOptions.CultureInvariant)]
    private static partial Regex SmsPattern();
}
