using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AiMass.Kernels.Input;

/// <summary>
/// The file system facts the input gate needs and .NET does not expose: realpath(3), the file type from statx(2),
/// the file system type from statfs(2), and the path an open descriptor really names (/proc/self/fd). Linux
/// natively (struct statx has one layout on every architecture; statfs's f_type is the first word); elsewhere a
/// managed approximation (the final link target; regular file or directory only).
/// </summary>
internal static unsafe partial class FileSystemProbe
{
    private const int AtCurrentDirectory = -100; // AT_FDCWD
    private const uint StatxType = 0x1; // STATX_TYPE
    private const int StatxModeOffset = 28; // offsetof(struct statx, stx_mode)

    /// <summary>Pseudo file systems whose files describe the kernel or the process (statfs f_type).</summary>
    private static readonly long[] KernelFileSystems =
    [
        0x9fa0, // proc
        0x62656572, // sysfs
        0x64626720, // debugfs
        0x74726163, // tracefs
        0x73636673, // securityfs
        0x27e0eb, // cgroup
        0x63677270, // cgroup2
        0x62656570, // configfs
        0xde5e81e4, // efivarfs
        0xcafe4a11, // bpf
        0x6165676c, // pstore
        0x1cd1, // devpts
    ];

    /// <summary>The canonical absolute path of <paramref name="path"/> (symbolic links, <c>.</c> and <c>..</c>
    /// resolved), or null with the errno (ENOENT 2, EACCES 13, ENOTDIR 20, ELOOP 40).</summary>
    public static string? RealPath(string path, out int errno)
    {
        errno = 0;
        if (!OperatingSystem.IsLinux())
        {
            return ManagedRealPath(path, out errno);
        }

        var resolved = RealPathNative(path, 0);
        if (resolved == 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            NativeMemory.Free((void*)resolved);
        }
    }

    /// <summary>The kind of file <paramref name="resolved"/> names (following links), or null when stat
    /// fails.</summary>
    public static FileKind? KindOf(string resolved)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Directory.Exists(resolved) ? FileKind.Directory : File.Exists(resolved) ? FileKind.Regular : null;
        }

        var buffer = stackalloc byte[256];
        if (Statx(AtCurrentDirectory, resolved, 0, StatxType, buffer) != 0)
        {
            return null;
        }

        return (*(ushort*)(buffer + StatxModeOffset) & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    /// <summary>Whether <paramref name="resolved"/> lies on a kernel pseudo file system (proc, sysfs, …): their
    /// files report as regular files of size 0 but hold the process's environment and the kernel's state.</summary>
    public static bool OnKernelFileSystem(string resolved)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var buffer = stackalloc byte[256];
        if (Statfs(resolved, buffer) != 0)
        {
            return false;
        }

        var type = IntPtr.Size == 8 ? *(long*)buffer : *(int*)buffer;
        return Array.IndexOf(KernelFileSystems, type & 0xFFFFFFFF) >= 0;
    }

    /// <summary>The path the open <paramref name="handle"/> names now (Linux), or null when unknown.</summary>
    public static string? OpenedPath(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!OperatingSystem.IsLinux() || handle.IsInvalid)
        {
            return null;
        }

        try
        {
            return new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ManagedRealPath(string path, out int errno)
    {
        var full = Path.GetFullPath(path);
        errno = 0;
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            errno = 2;
            return null;
        }

        FileSystemInfo info = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full);
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
    }

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPathNative(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statfs(string path, byte* buffer);
}
