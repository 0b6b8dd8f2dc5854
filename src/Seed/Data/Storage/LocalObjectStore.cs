using AiMass.Kernels;

namespace AiMass.Seed.Data.Storage;

/// <summary>
/// The local file system (or a shared mount) as an <see cref="IObjectStore"/>. Files are opened through
/// <see cref="DataFile"/>, so its checks and messages apply. A file's version is its size and modification time.
/// </summary>
public sealed class LocalObjectStore : IObjectStore
{
    /// <summary>The one instance (the store has no state).</summary>
    public static LocalObjectStore Instance { get; } = new();

    /// <inheritdoc />
    public StoredObject? Find(DataLocation location, string role)
    {
        ArgumentNullException.ThrowIfNull(location);
        var path = location.Path!;
        if (Directory.Exists(path))
        {
            return null;
        }

        Checked(location, () => DataFile.EnsureReadableFile(path, role));
        return Describe(location, new FileInfo(path));
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredObject> List(DataLocation location, string role)
    {
        ArgumentNullException.ThrowIfNull(location);
        var path = location.Path!;
        if (!Directory.Exists(path))
        {
            throw new DataAccessException(DataFault.Missing, path, $"{role} '{path}' does not exist");
        }

        try
        {
            return [.. new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories)
                .Select(f => Describe(DataLocation.Local(f.FullName), f))
                .OrderBy(o => o.Location.Path, StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Classify(location, DataFile.Describe(path, role, e));
        }
    }

    /// <inheritdoc />
    public void Read(StoredObject item, long offset, Memory<byte> destination, string role)
    {
        ArgumentNullException.ThrowIfNull(item);
        using var stream = Checked(item.Location, () => DataFile.OpenRead(item.Location.Path!, role, 1));
        if (stream.Length != item.Length)
        {
            throw new DataAccessException(
                DataFault.Changed, item.Name,
                $"{role} '{item.Name}' changed while in use (it had {item.Length} bytes, now {stream.Length}); "
                + "leave the data unchanged while a job runs, then run it again");
        }

        var read = RandomAccess.Read(stream.SafeFileHandle, destination.Span, offset);
        if (read < destination.Length)
        {
            throw new DataAccessException(
                DataFault.Truncated, item.Name,
                $"{role} '{item.Name}' is truncated: {offset + read} bytes where {offset + destination.Length} "
                + "were needed; copy or save it again");
        }
    }

    private static StoredObject Describe(DataLocation location, FileInfo file) =>
        new(location, file.Length, $"{file.Length}:{file.LastWriteTimeUtc.Ticks}");

    private static T Checked<T>(DataLocation location, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (InvalidInputException e) when (e is not DataAccessException && IsAccessFault(location, e))
        {
            throw Classify(location, e);
        }
    }

    private static void Checked(DataLocation location, Action check) =>
        Checked(location, () =>
        {
            check();
            return 0;
        });

    /// <summary>
    /// True when the gate's refusal is about reaching the file (permission denied, or nothing there): this node's
    /// mount or rights. A refusal of what the file is (a kernel file, a device, a pipe, outside the data roots)
    /// stays the plain input error it is.
    /// </summary>
    private static bool IsAccessFault(DataLocation location, InvalidInputException error) =>
        error.InnerException is UnauthorizedAccessException
        || (!File.Exists(location.Path) && !Directory.Exists(location.Path)
            && new FileInfo(location.Path!).LinkTarget is null);

    /// <summary>A file-system message as a typed fault: denied when permissions failed, otherwise missing.</summary>
    private static DataAccessException Classify(DataLocation location, InvalidInputException error) =>
        new(error.InnerException is UnauthorizedAccessException ? DataFault.AccessDenied : DataFault.Missing,
            location.ToString(), error.Message, error);
}
