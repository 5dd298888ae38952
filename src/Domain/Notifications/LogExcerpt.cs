namespace Courier.Domain.Notifications;

/// <summary>The first and last lines of a run log, read as a stream (the log is never held whole).</summary>
public static class LogExcerpt
{
    public static async Task<string> ReadAsync(Stream log, int lines, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(log);
        var head = new List<string>(lines);
        var tail = new Queue<string>(lines);
        var skipped = 0L;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (head.Count < lines)
            {
                head.Add(line);
                continue;
            }
            tail.Enqueue(line);
            if (tail.Count > lines)
            {
                tail.Dequeue();
                skipped++;
            }
        }
        var parts = new List<string>(head);
        if (skipped > 0)
        {
            parts.Add($"… {skipped} lines omitted …");
        }
        parts.AddRange(tail);
        return string.Join('\n', parts);
    }
}
