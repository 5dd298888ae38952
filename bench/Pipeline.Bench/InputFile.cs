using System.Globalization;
using System.Text;

namespace Courier.Pipeline.Bench;

/// <summary>A deterministic CSV-like file (xorshift numbers, words, dates): compressible like a real extract, identical on every run.</summary>
internal static class InputFile
{
    private static readonly string[] Words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];

    public static void Write(string path, long size)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var state = 0x9E3779B97F4A7C15UL;
        var line = new StringBuilder(128);
        var buffer = new byte[256];
        long written = 0;
        for (long id = 1; written < size; id++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            line.Clear()
                .Append(id).Append(',')
                .Append(Words[(int)(state % (ulong)Words.Length)]).Append(' ').Append(Words[(int)((state >> 8) % (ulong)Words.Length)]).Append(',')
                .Append(((state >> 16) % 1_000_000 / 100.0).ToString("0.00", CultureInfo.InvariantCulture)).Append(',')
                .Append(new DateOnly(2026, 1, 1).AddDays((int)((state >> 40) % 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                .Append((state & 1) == 0 ? "true" : "false").Append(',')
                .Append((state >> 24).ToString("x", CultureInfo.InvariantCulture)).Append('\n');
            var count = Encoding.ASCII.GetBytes(line.ToString(), buffer);
            var take = (int)Math.Min(count, size - written);
            file.Write(buffer, 0, take);
            written += take;
        }
    }
}
