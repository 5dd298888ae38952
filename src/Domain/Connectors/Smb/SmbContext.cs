using static Courier.Domain.Connectors.Smb.LibSmbClient;

namespace Courier.Domain.Connectors.Smb;

/// <summary>One libsmbclient context and the function table it exposes; callers hold <see cref="LibSmbClient.Gate"/> around calls.</summary>
internal sealed record SmbContext(
    SmbContextHandle Handle,
    OpenFn Open,
    ReadFn Read,
    WriteFn Write,
    CloseFn Close,
    StatFn Stat,
    RenameFn Rename,
    UrlFn Unlink,
    MkdirFn Mkdir,
    OpendirFn Opendir,
    ReaddirFn Readdir,
    CloseFn Closedir) : IDisposable
{
    public IntPtr Pointer => Handle.DangerousGetHandle();

    public void Dispose() => Handle.Dispose();
}
