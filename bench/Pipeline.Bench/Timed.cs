using System.Globalization;
using Courier.Testing;

namespace Courier.Pipeline.Bench;

/// <summary>One command run under GNU time: wall seconds, CPU seconds (user + sys), peak RSS and its output.</summary>
internal sealed record Timed(double Wall, double Cpu, double PeakRssMegabytes, string Output)
{
    public static async Task<Timed> RunAsync(string timingFile, string command, IEnumerable<string> arguments)
    {
        var output = await Tool.RunAsync(
            Path.GetFileName(command), "/usr/bin/time", ["-o", timingFile, "-f", "%e %U %S %M", command, .. arguments], timeout: TimeSpan.FromMinutes(30));
        var parts = (await File.ReadAllTextAsync(timingFile)).Trim().Split('\n')[^1].Split(' ').Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new Timed(parts[0], parts[1] + parts[2], parts[3] / 1024, output.Trim());
    }

    /// <summary>Two commands one after the other (md5sum then sha256sum) as one reference figure.</summary>
    public static Timed operator +(Timed first, Timed second) =>
        new(first.Wall + second.Wall, first.Cpu + second.Cpu, Math.Max(first.PeakRssMegabytes, second.PeakRssMegabytes), $"{first.Output}\n{second.Output}");
}
