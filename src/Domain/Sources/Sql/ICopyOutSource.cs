namespace Courier.Domain.Sources.Sql;

/// <summary>
/// A database's COPY-style export as <see cref="CopyPump"/> drives it: opened, read and disposed on
/// the pump's reading thread, cancelled from any thread.
/// </summary>
internal interface ICopyOutSource : IDisposable
{
    /// <summary>Reads from the server so far, for a watchdog that tells a stalled server from a slow export.</summary>
    long Reads { get; }

    /// <summary>Connects and starts the export.</summary>
    void Open();

    /// <summary>Blocks until bytes arrive; returns 0 at the end of the export.</summary>
    int Read(byte[] buffer, int offset, int count);

    /// <summary>Stops the export so that a blocked <see cref="Read"/> returns or throws.</summary>
    void Cancel();
}
