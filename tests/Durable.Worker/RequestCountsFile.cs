using System.Globalization;
using Courier.Durable.Storage;

namespace Courier.Durable.Worker;

/// <summary>
/// Writes this process's storage request counts (by kind and failure status) to a file every half
/// second, so the benchmark can report the second worker's requests beside its own.
/// </summary>
public static class RequestCountsFile
{
    public static async Task WriteAsync(string path, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var lines = StorageRequestCounter.Snapshot().Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key}\t{k.Value}"));
            var temp = path + ".tmp";
            await File.WriteAllLinesAsync(temp, lines, CancellationToken.None);
            File.Move(temp, path, overwrite: true);
            try
            {
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public static Dictionary<string, long> Read(string path) =>
        File.Exists(path)
            ? File.ReadAllLines(path).Select(l => l.Split('\t')).ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal)
            : [];
}
