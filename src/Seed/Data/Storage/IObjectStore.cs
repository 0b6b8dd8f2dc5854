namespace AiMass.Seed.Data.Storage;

/// <summary>
/// Where dataset files live (the local file system, or S3 and its compatibles): look up one object, list a folder
/// or prefix, and read byte ranges. Every failure is a <see cref="DataAccessException"/> naming the location and
/// the remedy; transient failures are retried inside. Thread-safe.
/// </summary>
public interface IObjectStore
{
    /// <summary>The object at <paramref name="location"/>, or null when nothing is there (it may be a
    /// folder or prefix).</summary>
    StoredObject? Find(DataLocation location, string role);

    /// <summary>The objects directly or indirectly under the folder or prefix <paramref name="location"/>, in
    /// ordinal order of their names.</summary>
    IReadOnlyList<StoredObject> List(DataLocation location, string role);

    /// <summary>
    /// Reads exactly <paramref name="destination"/>.Length bytes of <paramref name="item"/> from
    /// <paramref name="offset"/>. Fails with <see cref="DataFault.Changed"/> when the object is no longer the
    /// version that was looked up, and <see cref="DataFault.Truncated"/> when it is shorter.
    /// </summary>
    void Read(StoredObject item, long offset, Memory<byte> destination, string role);
}
