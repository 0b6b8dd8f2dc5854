using System.Security.Cryptography;
using System.Text;

namespace AiMass.Seed.Data.Storage;

/// <summary>
/// Downloaded byte ranges of remote objects kept in a local folder within a byte budget, so later iterations,
/// partitions that move back, and re-runs do not fetch them again. An entry's key is a hash of the object's URI,
/// its version (ETag) and the range, so a changed object is never served stale: it simply has other keys. Entries
/// are written to a temporary name and renamed, so a reader never sees half an entry and several processes may
/// share a folder. When the folder outgrows the budget, the least recently used entries are deleted.
/// </summary>
public sealed class RangeCache
{
    private readonly Lock _trimLock = new();

    /// <summary>A cache in <paramref name="folder"/> (created when missing) of at most <paramref name="budget"/>
    /// bytes.</summary>
    public RangeCache(string folder, long budget)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
        Budget = Math.Max(0, budget);
        try
        {
            // Cached bytes are the data: only this node's user may read a folder created here.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Folder);
            }
            else
            {
                Directory.CreateDirectory(
                    Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Directory.CreateDirectory(Path.Combine(Folder, "ranges"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Kernels.InvalidInputException(
                $"cannot use --cache-dir '{Folder}': {e.GetType().Name}; give a writable folder", e);
        }
    }

    /// <summary>The cache folder.</summary>
    public string Folder { get; }

    /// <summary>The budget in bytes.</summary>
    public long Budget { get; }

    /// <summary>Entries served from the folder so far (by this process).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    private long _hits;

    /// <summary>
    /// The path of the cached bytes <c>[offset, offset + length)</c> of <paramref name="item"/>, fetched with
    /// <paramref name="fetch"/> and stored first when missing; null when the range is larger than the budget
    /// (the caller keeps it in memory instead).
    /// </summary>
    public string? GetOrAdd(StoredObject item, long offset, int length, Action<Memory<byte>> fetch)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(fetch);
        if (length > Budget)
        {
            return null;
        }

        var path = PathOf(item, offset, length);
        if (File.Exists(path) && new FileInfo(path).Length == length)
        {
            Interlocked.Increment(ref _hits);
            Touch(path);
            return path;
        }

        var bytes = new byte[length];
        fetch(bytes);
        Store(path, bytes);
        Trim(path);
        return path;
    }

    /// <summary>The bytes when cached, else fetched (and cached when they fit the budget).</summary>
    public byte[] Read(StoredObject item, long offset, int length, Action<Memory<byte>> fetch)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        byte[]? fetched = null;
        var path = GetOrAdd(item, offset, length, memory =>
        {
            fetch(memory);
            fetched = memory.ToArray();
        });
        if (fetched is not null)
        {
            return fetched;
        }

        if (path is null)
        {
            var bytes = new byte[length];
            fetch(bytes);
            return bytes;
        }

        return File.ReadAllBytes(path);
    }

    private string PathOf(StoredObject item, long offset, int length)
    {
        var text = $"{item.Name}\n{item.Version}\n{item.Length}\n{offset}\n{length}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return Path.Combine(Folder, "ranges", hash[..2], hash + ".bin");
    }

    private static void Store(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    private static void Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (IOException)
        {
            // Another process trimmed it meanwhile: the next use fetches it again.
        }
    }

    /// <summary>Deletes the least recently used entries (never <paramref name="keep"/>) until within budget.
    /// </summary>
    private void Trim(string keep)
    {
        lock (_trimLock)
        {
            var entries = new DirectoryInfo(Path.Combine(Folder, "ranges"))
                .EnumerateFiles("*.bin", SearchOption.AllDirectories)
                .OrderBy(f => f.LastWriteTimeUtc)
                .ToList();
            var total = entries.Sum(f => f.Length);
            foreach (var entry in entries)
            {
                if (total <= Budget)
                {
                    break;
                }

                if (entry.FullName == keep)
                {
                    continue;
                }

                total -= entry.Length;
                try
                {
                    entry.Delete();
                }
                catch (IOException)
                {
                    // In use or gone: skip it.
                }
            }
        }
    }
}
