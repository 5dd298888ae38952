using System.Text;

namespace Courier.Domain.Delivery;

/// <summary>
/// Makes any string a valid Table Storage key: '/', '\', '#', '?', '%' and control characters are
/// percent-encoded, so distinct inputs stay distinct and keys remain readable.
/// </summary>
public static class TableKeys
{
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
