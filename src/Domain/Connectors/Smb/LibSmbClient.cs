using System.Runtime.InteropServices;

namespace Courier.Domain.Connectors.Smb;

/// <summary>
/// Samba's libsmbclient (Debian package libsmbclient, <c>libsmbclient.so.0</c>) through P/Invoke: no SMB
/// client package is available to us. Each connection gets its own context, but libsmbclient keeps
/// process-wide state (talloc stacks, the loaded smb.conf, debug settings) that is not thread-safe, so
/// every native call made here is serialized on one lock. The struct layouts (stat, smbc_dirent) are those
/// of glibc on x86-64, which is checked at context creation.
/// </summary>
internal static class LibSmbClient
{
    private const string Library = "libsmbclient.so.0";
    public const int ORdOnly = 0x0;
    public const int OWrOnly = 0x1;
    public const int OCreat = 0x40;
    public const int OTrunc = 0x200;
    public const uint SmbcDir = 7;
    public const uint SmbcFile = 8;

    /// <summary>Serializes every libsmbclient call in the process.</summary>
    public static readonly Lock Gate = new();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    public delegate IntPtr OpenFn(IntPtr context, [MarshalAs(UnmanagedType.LPUTF8Str)] string url, int flags, uint mode);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    public delegate nint ReadFn(IntPtr context, IntPtr file, IntPtr buffer, nuint count);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    public delegate nint WriteFn(IntPtr context, IntPtr file, IntPtr buffer, nuint count);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    public delegate int CloseFn(IntPtr context, IntPtr file);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    public delegate int StatFn(IntPtr context, [MarshalAs(UnmanagedType.LPUTF8Str)] string url, IntPtr stat);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    public delegate int RenameFn(IntPtr oldContext, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldUrl, IntPtr newContext, [MarshalAs(UnmanagedType.LPUTF8Str)] string newUrl);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    public delegate int UrlFn(IntPtr context, [MarshalAs(UnmanagedType.LPUTF8Str)] string url);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    public delegate int MkdirFn(IntPtr context, [MarshalAs(UnmanagedType.LPUTF8Str)] string url, uint mode);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    public delegate IntPtr OpendirFn(IntPtr context, [MarshalAs(UnmanagedType.LPUTF8Str)] string url);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    public delegate IntPtr ReaddirFn(IntPtr context, IntPtr directory);

    [DllImport(Library, EntryPoint = "smbc_new_context")]
    private static extern IntPtr NewContext();

    [DllImport(Library, EntryPoint = "smbc_init_context")]
    private static extern IntPtr InitContext(IntPtr context);

    [DllImport(Library, EntryPoint = "smbc_free_context")]
    internal static extern int FreeContext(IntPtr context, int shutdown);

    [DllImport(Library, EntryPoint = "smbc_setDebug")]
    private static extern void SetDebug(IntPtr context, int level);

    [DllImport(Library, EntryPoint = "smbc_setPort")]
    private static extern void SetPort(IntPtr context, ushort port);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void AuthFn(IntPtr context, IntPtr server, IntPtr share, IntPtr workgroup, int workgroupLength,
        IntPtr user, int userLength, IntPtr password, int passwordLength);

    [DllImport(Library, EntryPoint = "smbc_setFunctionAuthDataWithContext")]
    private static extern void SetAuthFunction(IntPtr context, AuthFn function);

    /// <summary>Credentials per live context: libsmbclient asks for them through a callback when it connects.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IntPtr, (byte[] Workgroup, byte[] User, byte[] Password)> Credentials = new();

    /// <summary>Kept in a static field so the garbage collector never frees the callback libsmbclient holds.</summary>
    private static readonly AuthFn Authenticate = (context, _, _, workgroup, workgroupLength, user, userLength, password, passwordLength) =>
    {
        if (Credentials.TryGetValue(context, out var credentials))
        {
            Fill(workgroup, workgroupLength, credentials.Workgroup);
            Fill(user, userLength, credentials.User);
            Fill(password, passwordLength, credentials.Password);
        }
    };

    private static void Fill(IntPtr buffer, int length, byte[] value)
    {
        if (value.Length == 0)
        {
            // Keep the default libsmbclient wrote (for the workgroup: smb.conf's).
            return;
        }
        var count = Math.Min(value.Length, length - 1);
        Marshal.Copy(value, 0, buffer, count);
        Marshal.WriteByte(buffer, count, 0);
    }

    [DllImport(Library, EntryPoint = "smbc_getFunctionOpen")] private static extern IntPtr GetOpen(IntPtr c);
    [DllImport(Library, EntryPoint = "smbc_getFunctionRead")] private static extern IntPtr GetRead(IntPtr c);
    [DllImport(Library, EntryPoint = "smbc_getFunctionWrite")] private static extern IntPtr GetWrite(IntPtr c);
    [DllImport(Library, EntryPoint = "smbc_getFunctionClose")] private static extern IntPtr GetClose(IntPtr c);
    [DllImport(Library, EntryPoint = "smbc_getFunctionStat")] private static extern IntPtr GetStat(IntPtr c);
    [DllImport(Library, EntryPoint = "smbc_getFunctionRename")] private static extern IntPtr GetRename(IntPtr c);
    [DllImport(Library, EntryPoint = "smbc_getFunctionUnlink")] private static extern IntPtr GetUnlink(IntPtr c);
    [DllImport(Library, EntryPoint = "smbc_getFunctionMkdir")] private static extern IntPtr GetMkdir(IntPtr c);
    [DllImport(Library, EntryPoint = "smbc_getFunctionOpendir")] private static extern IntPtr GetOpendir(IntPtr c);
    [DllImport(Library, EntryPoint = "smbc_getFunctionReaddir")] private static extern IntPtr GetReaddir(IntPtr c);
    [DllImport(Library, EntryPoint = "smbc_getFunctionClosedir")] private static extern IntPtr GetClosedir(IntPtr c);

    /// <summary>A ready context with credentials, and the functions it exposes.</summary>
    public static SmbContext CreateContext(string workgroup, string user, string password, int port)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException("The SMB connector uses libsmbclient's x86-64 Linux struct layouts.");
        }
        lock (Gate)
        {
            var raw = NewContext();
            if (raw == IntPtr.Zero)
            {
                throw new IOException($"libsmbclient could not create a context (errno {Marshal.GetLastPInvokeError()}).");
            }
            var handle = new SmbContextHandle(raw);
            SetDebug(raw, 0);
            SetPort(raw, (ushort)port);
            Credentials[raw] = (Utf8(workgroup), Utf8(user), Utf8(password));
            SetAuthFunction(raw, Authenticate);
            if (InitContext(raw) == IntPtr.Zero)
            {
                Credentials.TryRemove(raw, out _);
                handle.Dispose();
                throw new IOException("libsmbclient could not initialise a context (is smb.conf readable?).");
            }
            return new SmbContext(handle,
                Fn<OpenFn>(GetOpen(raw)), Fn<ReadFn>(GetRead(raw)), Fn<WriteFn>(GetWrite(raw)), Fn<CloseFn>(GetClose(raw)),
                Fn<StatFn>(GetStat(raw)), Fn<RenameFn>(GetRename(raw)), Fn<UrlFn>(GetUnlink(raw)), Fn<MkdirFn>(GetMkdir(raw)),
                Fn<OpendirFn>(GetOpendir(raw)), Fn<ReaddirFn>(GetReaddir(raw)), Fn<CloseFn>(GetClosedir(raw)));
        }
    }

    private static byte[] Utf8(string value) => System.Text.Encoding.UTF8.GetBytes(value);

    private static T Fn<T>(IntPtr pointer) where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(pointer);

    /// <summary>glibc x86-64 <c>struct stat</c>: st_mode at 24, st_size at 48, st_mtim.tv_sec at 88; 144 bytes.</summary>
    public const int StatSize = 144;

    public static (bool IsDirectory, long Size, DateTimeOffset Modified) ReadStat(IntPtr stat)
    {
        var mode = (uint)Marshal.ReadInt32(stat, 24);
        var size = Marshal.ReadInt64(stat, 48);
        var mtime = Marshal.ReadInt64(stat, 88);
        return ((mode & 0xF000) == 0x4000, size, DateTimeOffset.FromUnixTimeSeconds(mtime));
    }

    /// <summary><c>struct smbc_dirent</c> (Samba 4.17): type at 0, name at 28 (local-servers.md §9).</summary>
    public static (uint Type, string Name) ReadDirent(IntPtr dirent) =>
        ((uint)Marshal.ReadInt32(dirent, 0), Marshal.PtrToStringUTF8(dirent + 28) ?? "");

    /// <summary>The context itself, freed (and its connections shut) when disposed.</summary>
    internal sealed class SmbContextHandle : SafeHandle
    {
        public SmbContextHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            lock (Gate)
            {
                Credentials.TryRemove(handle, out _);
                return FreeContext(handle, 1) == 0;
            }
        }
    }
}
