using System.Globalization;
using System.Text;

namespace Courier.Durable.Storage;

/// <summary>
/// Makes any instance id a legal table key: '/', '\', '#', '?', '%' and control characters become
/// %XX. Escaping is per character, so a prefix of an id escapes to a prefix of its key.
/// </summary>
internal static class KeyEncoding
{
    public static string Escape(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (!instanceId.Any(NeedsEscape))
        {
            return instanceId;
        }
        var builder = new StringBuilder(instanceId.Length + 8);
        foreach (var c in instanceId)
        {
            if (NeedsEscape(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
}
