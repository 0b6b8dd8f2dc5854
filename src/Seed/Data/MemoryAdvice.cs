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

    /// <summary>
    /// Drops the pages that hold <c>[start, start + length)</c>, widened to whole pages but kept within
    /// <c>[mapStart, mapEnd)</c> (the mapping, page-aligned at <paramref name="mapStart"/>). Failures are ignored:
    /// it is only a hint.
    /// </summary>
    public static void DropResident(byte* mapStart, byte* mapEnd, byte* start, long length)
    {
        if (!OperatingSystem.IsLinux() || length <= 0)
        {
            return;
        }

        var page = Environment.SystemPageSize;
        var first = (long)start / page * page;
        var end = ((long)start + length + page - 1) / page * page;
        first = Math.Max(first, (long)mapStart);
        end = Math.Min(end, ((long)mapEnd + page - 1) / page * page);
        if (end > first)
        {
            _ = Madvise((void*)first, (nuint)(end - first), DontNeed);
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);
}
