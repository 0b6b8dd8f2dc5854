using System.IO.MemoryMappedFiles;
using System.Numerics;
using System.Runtime.InteropServices;
using AiMass.Kernels.Data;

namespace AiMass.Seed.Data.Parts;

/// <summary>
/// Rows of a <c>.npy</c> array held as their stored bytes, either downloaded into memory or mapped from a file of the
/// download cache (then <see cref="Evict"/> takes rows out of the resident set). Values convert exactly as
/// <see cref="NpyRowSource"/> converts them, so the E-step sees the same bits as from the local file.
/// </summary>
public sealed unsafe class NpyBytesRowSource : IEvictableRowSource, IDisposable
{
    private readonly byte[]? _array;
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _mapped;
    private readonly NpyDataType _type;
    private readonly long _rowBytes;
    private bool _disposed;

    /// <summary>Rows held in <paramref name="bytes"/> (<paramref name="rows"/> × <paramref name="features"/> values
    /// of <paramref name="type"/>, little-endian).</summary>
    public NpyBytesRowSource(byte[] bytes, NpyDataType type, long rows, int features, string name)
        : this(type, rows, features, name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        _array = bytes;
    }

    /// <summary>Rows mapped from the file <paramref name="path"/> (the whole file holds exactly the rows).</summary>
    public NpyBytesRowSource(string path, NpyDataType type, long rows, int features, string name)
        : this(type, rows, features, name)
    {
        _map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* start = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _mapped = start + _view.PointerOffset;
    }

    private NpyBytesRowSource(NpyDataType type, long rows, int features, string name)
    {
        (_type, Rows, Features, Name) = (type, rows, features, name);
        _rowBytes = (long)features * type.Size();
    }

    /// <inheritdoc />
    public long Rows { get; }

    /// <inheritdoc />
    public int Features { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<double> destination) => ReadAs(firstRow, rowCount, destination);

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<float> destination) => ReadAs(firstRow, rowCount, destination);

    /// <inheritdoc />
    public void Evict(long firstRow, long rowCount)
    {
        if (_mapped is null || _disposed || rowCount <= 0)
        {
            return;
        }

        MemoryAdvice.DropResident(
            _mapped, _mapped + (Rows * _rowBytes), _mapped + (firstRow * _rowBytes), rowCount * _rowBytes);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }

        _map?.Dispose();
    }

    private void ReadAs<T>(long firstRow, int rowCount, Span<T> destination)
        where T : unmanaged, INumberBase<T>
    {
        RowRange.Check(this, firstRow, rowCount, destination.Length);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var count = rowCount * Features;
        var length = (int)(rowCount * _rowBytes);
        var bytes = _array is not null
            ? new ReadOnlySpan<byte>(_array, (int)(firstRow * _rowBytes), length)
            : new ReadOnlySpan<byte>(_mapped + (firstRow * _rowBytes), length);
        var target = destination[..count];
        switch (_type)
        {
            case NpyDataType.Float64:
                NumericConvert.Convert(MemoryMarshal.Cast<byte, double>(bytes), target);
                break;
            case NpyDataType.Float32:
                NumericConvert.Convert(MemoryMarshal.Cast<byte, float>(bytes), target);
                break;
            case NpyDataType.Int32:
                NumericConvert.Convert(MemoryMarshal.Cast<byte, int>(bytes), target);
                break;
            default:
                NumericConvert.Convert(MemoryMarshal.Cast<byte, long>(bytes), target);
                break;
        }
    }
}
