using AiMass.Kernels.Data;
using AiMass.Seed.Data.Storage;

namespace AiMass.Seed.Data.Parts;

/// <summary>
/// A remote <c>.npy</c> part read lazily by ranged reads (through <see cref="ObjectStream"/>'s block): what
/// planning reads (a row sample, a finite check) is fetched, nothing else. Thread-safe: reads take a lock.
/// </summary>
public sealed class NpyObjectSource : IRowSource, IDisposable
{
    private readonly Lock _lock = new();
    private readonly ObjectStream _stream;
    private readonly NpyHeader _header;
    private readonly long _rowBytes;

    /// <summary>The part <paramref name="item"/> whose header is <paramref name="header"/>.</summary>
    public NpyObjectSource(IObjectStore store, StoredObject item, NpyHeader header, string role)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(header);
        _stream = new ObjectStream(store, item, role, null);
        _header = header;
        _rowBytes = (long)header.Features * header.DataType.Size();
        Name = item.Name;
    }

    /// <inheritdoc />
    public long Rows => _header.Rows;

    /// <inheritdoc />
    public int Features => _header.Features;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<double> destination) =>
        Fetch(firstRow, rowCount).Read(0, rowCount, destination);

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<float> destination) =>
        Fetch(firstRow, rowCount).Read(0, rowCount, destination);

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private NpyBytesRowSource Fetch(long firstRow, int rowCount)
    {
        RowRange.Check(this, firstRow, rowCount, int.MaxValue);
        var bytes = new byte[rowCount * _rowBytes];
        lock (_lock)
        {
            _stream.Position = _header.DataOffset + (firstRow * _rowBytes);
            _stream.ReadExactly(bytes);
        }

        return new NpyBytesRowSource(bytes, _header.DataType, rowCount, Features, Name);
    }
}
