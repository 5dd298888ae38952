using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Courier.Domain.Sources.Sql.PgWire;

/// <summary>
/// Decides whether a query's CSV can be made from a binary COPY: the server then skips its own text
/// output (the larger half of its work for dates, numbers and floats), and this client prints the text
/// on another core. Only when every column's type is one <see cref="PgBinaryText"/> prints exactly as
/// the server would in this session; anything else keeps the server's CSV.
/// </summary>
internal static class PgBinaryColumns
{
    /// <summary>Zones whose offset is always zero: the server prints <c>+00</c> after every timestamptz.</summary>
    private static readonly HashSet<string> UtcZones = new(StringComparer.OrdinalIgnoreCase)
    {
        "UTC", "Etc/UTC", "UCT", "Etc/UCT", "GMT", "Etc/GMT", "GMT0", "Etc/GMT0", "GMT+0", "Etc/GMT+0", "GMT-0", "Etc/GMT-0",
        "Greenwich", "Etc/Greenwich", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu",
    };

    /// <summary>
    /// Describes <paramref name="query"/> (Parse and Describe, nothing runs) and reads the float setting in
    /// one round trip; returns the columns' kinds and names, or null to keep the server's CSV (a type or
    /// setting it does not cover, or a query the server will not describe, whose COPY then reports why).
    /// </summary>
    public static (PgColumnKind[] Kinds, string[] Names)? Describe(PgWireConnection connection, string query)
    {
        connection.Send(DescribeMessages(query));
        (PgColumnKind[] Kinds, string[] Names)? columns = null;
        var describable = true;
        string? floatDigits = null;
        // Two ReadyForQuery: one after Sync, one after the SHOW.
        for (var ready = 0; ready < 2;)
        {
            byte code;
            byte[] body;
            try
            {
                (code, body) = connection.ReadMessage();
            }
            catch (PgWireException e) when (e.SqlState != "08006" && e.SqlState != "08P01")
            {
                describable = false;
                continue;
            }
            switch (code)
            {
                case (byte)'Z':
                    ready++;
                    break;
                case (byte)'T' when ready == 0:
                    columns = Columns(body, connection.Parameters);
                    break;
                case (byte)'D' when ready == 1:
                    floatDigits = FirstValue(body);
                    break;
            }
        }
        if (!describable || columns is not { } found || found.Kinds.Length == 0)
        {
            return null;
        }
        var shortestFloats = int.TryParse(floatDigits, CultureInfo.InvariantCulture, out var digits) && digits > 0
            && ServerMajorVersion(connection.Parameters) >= 12;
        return found.Kinds.Any(kind => kind is PgColumnKind.Float4 or PgColumnKind.Float8) && !shortestFloats ? null : found;
    }

    /// <summary>Parse, Describe and Sync for the query, then a simple SHOW: all sent in one write.</summary>
    private static byte[] DescribeMessages(string query)
    {
        using var messages = new MemoryStream();
        var text = Encoding.UTF8.GetBytes(query);
        // Parse: unnamed statement, the query, no parameter types.
        Message(messages, 'P', [0, .. text, 0, 0, 0]);
        // Describe the unnamed statement.
        Message(messages, 'D', [(byte)'S', 0]);
        Message(messages, 'S', []);
        Message(messages, 'Q', [.. "SHOW extra_float_digits"u8, 0]);
        return messages.ToArray();
    }

    private static void Message(MemoryStream messages, char code, byte[] body)
    {
        Span<byte> header = stackalloc byte[5];
        header[0] = (byte)code;
        BinaryPrimitives.WriteInt32BigEndian(header[1..], body.Length + 4);
        messages.Write(header);
        messages.Write(body);
    }

    /// <summary>RowDescription: each column's name and type; null when a type is not covered in this session.</summary>
    private static (PgColumnKind[] Kinds, string[] Names)? Columns(byte[] body, IReadOnlyDictionary<string, string> session)
    {
        var isoDates = session.TryGetValue("DateStyle", out var dateStyle) && dateStyle.StartsWith("ISO", StringComparison.Ordinal)
            && session.TryGetValue("integer_datetimes", out var integerDates) && integerDates == "on";
        var utc = session.TryGetValue("TimeZone", out var zone) && UtcZones.Contains(zone);
        var utf8 = session.TryGetValue("client_encoding", out var encoding) && encoding == "UTF8";
        var span = body.AsSpan();
        var count = BinaryPrimitives.ReadInt16BigEndian(span);
        span = span[2..];
        var kinds = new PgColumnKind[count];
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            var nameEnd = span.IndexOf((byte)0);
            names[i] = Encoding.UTF8.GetString(span[..nameEnd]);
            span = span[(nameEnd + 1)..];
            // Table oid (4), column number (2), then the type oid.
            var kind = KindOf(BinaryPrimitives.ReadUInt32BigEndian(span[6..]), isoDates, utc, utf8);
            if (kind is not { } known)
            {
                return null;
            }
            kinds[i] = known;
            // Type oid (4), type size (2), type modifier (4), format (2).
            span = span[18..];
        }
        return (kinds, names);
    }

    private static PgColumnKind? KindOf(uint typeOid, bool isoDates, bool utc, bool utf8) => typeOid switch
    {
        16 => PgColumnKind.Boolean,
        // name, text, bpchar, varchar: the same bytes in binary as in text.
        19 or 25 or 1042 or 1043 when utf8 => PgColumnKind.Text,
        20 => PgColumnKind.Int64,
        21 => PgColumnKind.Int16,
        23 => PgColumnKind.Int32,
        700 => PgColumnKind.Float4,
        701 => PgColumnKind.Float8,
        1082 when isoDates => PgColumnKind.Date,
        1114 when isoDates => PgColumnKind.Timestamp,
        1184 when isoDates && utc => PgColumnKind.TimestampTz,
        1700 => PgColumnKind.Numeric,
        2950 => PgColumnKind.Uuid,
        _ => null,
    };

    /// <summary>The first column of a DataRow, as text.</summary>
    private static string? FirstValue(byte[] body)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(2));
        return length < 0 ? null : Encoding.UTF8.GetString(body, 6, length);
    }

    private static int ServerMajorVersion(IReadOnlyDictionary<string, string> session) =>
        session.TryGetValue("server_version", out var version)
        && int.TryParse(version.AsSpan(0, version.TakeWhile(char.IsAsciiDigit).Count()), CultureInfo.InvariantCulture, out var major)
            ? major
            : 0;
}
