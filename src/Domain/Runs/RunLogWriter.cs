using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Runs;

/// <summary>
/// The run log as an <see cref="ILogger"/> for the code an activity calls (sources, steps,
/// destinations): lines are buffered and appended to the run's log blob when the step ends (or
/// flushes), one storage request per step rather than per line.
/// </summary>
public sealed class RunLogWriter : ILogger, IAsyncDisposable
{
    private readonly RunLogStore _store;
    private readonly Guid _taskId;
    private readonly string _runId;
    private readonly string _step;
    private readonly TimeProvider _time;
    private readonly List<string> _pending = [];
    private readonly Lock _gate = new();

    internal RunLogWriter(RunLogStore store, Guid taskId, string runId, string step, TimeProvider time)
    {
        _store = store;
        _taskId = taskId;
        _runId = runId;
        _step = step;
        _time = time;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }
        var message = formatter(state, exception);
        if (exception is not null && !message.Contains(exception.Message, StringComparison.Ordinal))
        {
            message = $"{message} ({exception.Message})";
        }
        var line = string.Create(CultureInfo.InvariantCulture, $"{_time.GetUtcNow():yyyy-MM-dd HH:mm:ss.fff}Z {Level(logLevel),-7} [{_step}] {message}");
        lock (_gate)
        {
            _pending.Add(line);
        }
    }

    /// <summary>Appends what is buffered (lines are few: sources log row counts every N rows, not every row).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        string text;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }
            var builder = new StringBuilder();
            foreach (var line in _pending)
            {
                builder.Append(line).Append('\n');
            }
            text = builder.ToString();
            _pending.Clear();
        }
        await _store.AppendAsync(_taskId, _runId, text, cancellationToken);
    }

    public async ValueTask DisposeAsync() => await FlushAsync(CancellationToken.None);

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Warning => "WARNING",
        LogLevel.Error or LogLevel.Critical => "ERROR",
        _ => "INFO",
    };
}
