using System.Runtime.InteropServices;

namespace AiMass.Seed.Data;

/// <summary>
/// madvise(2) for memory-mapped files: <see cref="DropResident"/> takes a range's pages out of the process's
/// resident set. MADV_DONTNEED on a read-only file mapping is safe: a later access pages the unchanged file
/// contents back in (from the page cache when still there). Linux only; elsewhere a no-op.
/// </summary>
internal static unsafe partial class MemoryAdvice
{
    private const int DontNeed = 4; // MADV_DONTNEED (Linux)

    /// <summary>Granule of eviction: 2 MiB, the largest page-cache folio x86-64 Linux maps with one entry.</summary>
    public const int Granule = 2 << 20;

    /// <summary>
    /// Drops from the resident set the whole 2 MiB granules of the address space that overlap
    /// <c>[start, start + length)</c>, except a last granule the range only enters (it stays until a later call
    /// that starts inside it), all within <c>[mapStart, mapEnd)</c> (the mapping, page-aligned at
    /// <paramref name="mapStart"/>); a range that reaches <paramref name="mapEnd"/> drops everything to it.
    /// Never past the range: a page dropped ahead of a forward scan is faulted back in by its next read, and Linux
    /// then maps the page's whole large folio again, earlier parts included; dropping each 192 KiB block that way
    /// kept 15 of 16 MiB (225 of 256 MiB) of a freshly written file resident (measured). Whole granules, so the
    /// calls of a forward scan ("everything since my last call") cost one system call per 2 MiB. Failures are
    /// ignored: a hint.
    /// </summary>
    public static void DropResident(byte* mapStart, byte* mapEnd, byte* start, long length)
    {
        if (!OperatingSystem.IsLinux() || length <= 0)
        {
            return;
        }

        var page = Environment.SystemPageSize;
        var mapLimit = ((long)mapEnd + page - 1) / page * page;
        var first = Math.Max((long)start / Granule * Granule, (long)mapStart);
        var stop = (long)start + length;
        var end = stop >= (long)mapEnd ? mapLimit : stop / Granule * Granule;
        if (end > first)
        {
            _ = Madvise((void*)first, (nuint)(end - first), DontNeed);
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);
}
