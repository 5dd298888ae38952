using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Data.Tables;

namespace Courier.Domain.Starting;

/// <summary>
/// How start audit entries are laid out in table rows: many entries to a row, as one JSON array split over
/// properties <c>Entries0</c>, <c>Entries1</c>… (a string property holds at most 64 KiB of UTF-16, an entity 1 MiB).
/// Row keys sort newest first (the inverted time of the row's newest entry) and end with a hash of the row's entries,
/// so caller-chosen request ids (idempotency keys, which may hold '/', '#' or '?') never reach a key.
/// </summary>
internal static class StartAuditRows
{
    private const int PartChars = 30_000;

    /// <summary>
    /// 14 parts of 30,000 characters: 840 KB of UTF-16, under the 1 MiB entity limit. One entry always fits: its
    /// texts are cut to <see cref="MaxTextChars"/> and <see cref="MaxNameChars"/>, and escaping at worst multiplies
    /// a character by six (a control character as \u0001).
    /// </summary>
    private const int MaxRowChars = 14 * PartChars;

    private const int MaxTextChars = 30_000;
    private const int MaxNameChars = 1_000;

    // Non-ASCII text is kept as it is (not \u-escaped): rows are read back by this class, never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The day's entries, newest first, in rows as full as the limits allow.</summary>
    public static IEnumerable<TableEntity> Pack(string dayKey, IReadOnlyCollection<StartAuditEntry> entries)
    {
        var row = new List<(StartAuditEntry Entry, string Json)>();
        var chars = 0;
        foreach (var entry in entries.OrderByDescending(e => e.At).ThenBy(e => e.Trigger.RequestId, StringComparer.Ordinal))
        {
            var json = JsonSerializer.Serialize(Stored.Of(entry), Json);
            if (row.Count > 0 && chars + json.Length + 3 > MaxRowChars)
            {
                yield return ToEntity(dayKey, row);
                (row, chars) = ([], 0);
            }
            row.Add((entry, json));
            chars += json.Length + 1;
        }
        if (row.Count > 0)
        {
            yield return ToEntity(dayKey, row);
        }
    }

    /// <summary>The entries of one row; a row of one entry in the layout written before packing reads as that entry.</summary>
    public static IEnumerable<StartAuditEntry> Unpack(TableEntity row)
    {
        if (row.GetInt32("Count") is null)
        {
            return [new StartAuditEntry(
                row.GetDateTimeOffset("At") ?? default,
                new StartTrigger(row.GetString("TriggerKind"), row.GetString("By"), row.GetString("RequestId")),
                row.GetString("From"),
                row.GetString("Request"),
                row.GetString("Outcome"),
                row.GetInt32("TasksStarted") ?? 0)];
        }
        var json = new StringBuilder();
        for (var part = 0; row.GetString($"Entries{part}") is { } text; part++)
        {
            json.Append(text);
        }
        return JsonSerializer.Deserialize<List<Stored>>(json.ToString(), Json)!.Select(s => s.ToEntry());
    }

    /// <summary>An allowance for one row in a transaction: its UTF-16 text plus keys, names and the multipart envelope.</summary>
    public static int SizeOf(TableEntity row) =>
        2048 + (2 * row.Keys.Where(k => k.StartsWith("Entries", StringComparison.Ordinal)).Sum(k => row.GetString(k)?.Length ?? 0));

    private static TableEntity ToEntity(string dayKey, List<(StartAuditEntry Entry, string Json)> row)
    {
        var json = $"[{string.Join(',', row.Select(r => r.Json))}]";
        var newest = row[0].Entry.At;
        var entity = new TableEntity(dayKey, $"{DateTimeOffset.MaxValue.Ticks - newest.UtcTicks:D19}-{Fingerprint(row)}")
        {
            ["Count"] = row.Count,
            ["Newest"] = newest,
        };
        var (part, at) = (0, 0);
        while (at < json.Length)
        {
            var length = Math.Min(PartChars, json.Length - at);
            // A surrogate pair stays in one part: each part is valid UTF-16 on its own.
            if (at + length < json.Length && char.IsHighSurrogate(json[at + length - 1]))
            {
                length--;
            }
            entity[$"Entries{part++}"] = json.Substring(at, length);
            at += length;
        }
        return entity;
    }

    private static string Fingerprint(List<(StartAuditEntry Entry, string Json)> row)
    {
        var ids = string.Join('\n', row.Select(r => $"{r.Entry.At.UtcTicks}|{r.Entry.Trigger.RequestId}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ids)), 0, 8);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    /// <summary>One entry as a row stores it (what the audit shows, not the trigger's run-specific fields).</summary>
    private sealed record Stored(
        DateTimeOffset At, string Kind, string By, string RequestId, string? From, string Request, string Outcome, int TasksStarted)
    {
        public static Stored Of(StartAuditEntry e) => new(
            e.At,
            Cut(e.Trigger.Kind, MaxNameChars),
            Cut(e.Trigger.By, MaxNameChars),
            Cut(e.Trigger.RequestId, MaxNameChars),
            e.From is null ? null : Cut(e.From, MaxNameChars),
            Cut(e.Request, MaxTextChars),
            Cut(e.Outcome, MaxTextChars),
            e.TasksStarted);

        public StartAuditEntry ToEntry() =>
            new(At, new StartTrigger(Kind, By, RequestId), From, Request, Outcome, TasksStarted);
    }
}
