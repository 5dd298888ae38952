using System.Diagnostics;

namespace Courier.Durable.Bench;

/// <summary>
/// CPU seconds a process has used since this meter was made: on a shared machine, wall-clock rates
/// move with the neighbours' load, CPU seconds per scenario much less.
/// </summary>
internal sealed class CpuMeter
{
    private readonly Process? _process;
    private readonly TimeSpan _start;

    public CpuMeter(int pid)
    {
        try
        {
            _process = Process.GetProcessById(pid);
            _start = _process.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            // Already gone: reads as zero.
            _process = null;
        }
    }

    public double Seconds
    {
        get
        {
            if (_process is null)
            {
                return 0;
            }
            _process.Refresh();
            return (_process.TotalProcessorTime - _start).TotalSeconds;
        }
    }
}
