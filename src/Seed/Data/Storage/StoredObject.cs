namespace AiMass.Seed.Data.Storage;

/// <summary>
/// One file or object as the store described it when it was listed or looked up: its size and a version tag
/// that changes when its contents change (an S3 ETag; a local file's size and modification time).
/// </summary>
/// <param name="Location">Where it is.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="Version">The ETag (S3) or <c>size:mtime-ticks</c> (local).</param>
public sealed record StoredObject(DataLocation Location, long Length, string Version)
{
    /// <summary>The location's text, for messages.</summary>
    public string Name => Location.ToString();
}
