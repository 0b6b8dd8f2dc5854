namespace AiMass.Kernels.Data;

/// <summary>
/// A row source whose rows sit in memory the operating system pages in on demand (a memory-mapped file) and can
/// be dropped from the process's resident set again. A reader that has made its own copy of some rows calls
/// <see cref="Evict"/> so the copy does not count twice against the process's memory.
/// </summary>
public interface IEvictableRowSource : IRowSource
{
    /// <summary>
    /// A hint that rows <c>[firstRow, firstRow + rowCount)</c> will not be read again soon: their pages leave
    /// this process's resident set (the operating system may keep them cached; a later read pages them back in and
    /// sees the same values). Safe while other threads read; a no-op where the platform offers no such hint. A
    /// memory-mapped file drops whole 2 MiB granules and keeps the one the range ends in, so a forward scan passes
    /// everything since its previous call and the last call of a pass may leave up to 2 MiB mapped.
    /// </summary>
    void Evict(long firstRow, long rowCount);
}
