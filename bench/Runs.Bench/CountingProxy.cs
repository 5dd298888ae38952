using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using Courier.Testing;

namespace Courier.Runs.Bench;

/// <summary>
/// A loopback TCP relay in front of one Azurite port that counts the HTTP requests going through it, by kind
/// ("table POST $batch", "queue GET courier-control-00"…): how many storage requests the host makes per start,
/// a figure that does not depend on how busy the machine is. Requests are parsed only as far as framing needs
/// (request line, Content-Length); a table transaction counts once, as it is one request.
/// </summary>
internal sealed class CountingProxy : IAsyncDisposable
{
    private readonly string _service;
    private readonly ConcurrentDictionary<string, int> _counts;
    private readonly TcpRelay _relay;

    public CountingProxy(string service, int targetPort, ConcurrentDictionary<string, int> counts)
    {
        (_service, _counts) = (service, counts);
        _relay = TcpRelay.Start(targetPort, CountRequestsAsync);
    }

    public int Port => _relay.Port;

    /// <summary>Forwards requests whole, one at a time, counting each by its method and first path segment after the account.</summary>
    private async Task CountRequestsAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(from);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            while (TryTakeRequest(ref buffer, out var request, out var kind))
            {
                _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
                foreach (var segment in request)
                {
                    await to.WriteAsync(segment, cancellationToken);
                }
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    private bool TryTakeRequest(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> request, out string kind)
    {
        (request, kind) = (default, "");
        var seqReader = new SequenceReader<byte>(buffer);
        if (!seqReader.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8))
        {
            return false;
        }
        var headers = Encoding.ASCII.GetString(head).Split("\r\n");
        var length = headers.Skip(1)
            .Select(h => h.Split(':', 2))
            .Where(h => h.Length == 2 && h[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => long.Parse(h[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        if (seqReader.Remaining < length)
        {
            return false;
        }
        var end = buffer.GetPosition(seqReader.Consumed + length);
        request = buffer.Slice(0, end);
        buffer = buffer.Slice(end);
        kind = Kind(headers[0]);
        return true;
    }

    /// <summary>"GET /devstoreaccount1/runs(PartitionKey='s1',RowKey='…')?… HTTP/1.1" → "table GET runs".</summary>
    private string Kind(string requestLine)
    {
        var parts = requestLine.Split(' ');
        var path = parts.Length > 1 ? parts[1] : "";
        var segments = path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = segments.Length > 1 ? segments[1].Split('(')[0] : "(account)";
        if (_service == "queue" && segments.Length > 2)
        {
            name += "/" + segments[2];
        }
        return $"{_service} {parts[0]} {name}";
    }

    public ValueTask DisposeAsync() => _relay.DisposeAsync();
}
