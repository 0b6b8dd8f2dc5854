using System.IO.MemoryMappedFiles;
using System.Numerics;
using AiMass.Kernels.Data;

namespace AiMass.Seed.Data;

/// <summary>
/// A <c>.npy</c> file (versions 1.0–3.0; <c>&lt;f4 &lt;f8 &lt;i4 &lt;i8</c>; C order; 1-D or 2-D) read through a
/// read-only memory map: nothing is copied into managed memory, the operating system pages the file in and out,
/// so files larger than RAM work. A 1-D array of n values is <c>[n × 1]</c>. Reads convert each value to the
/// destination type. Reads are thread-safe; NaN and Inf are not checked here (see <see cref="FiniteCheck"/>).
/// A reader that keeps its own copy of rows can <see cref="Evict"/> them from the process's resident set.
/// </summary>
public sealed unsafe class NpyRowSource : IEvictableRowSource, IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _mapStart;
    private readonly byte* _data;
    private readonly long _rowBytes;
    private bool _disposed;

    /// <summary>Opens and maps <paramref name="path"/>; <paramref name="role"/> names the file in messages.</summary>
    /// <exception cref="AiMass.Kernels.InvalidInputException">The file is missing, unreadable or not a supported
    /// <c>.npy</c> array.</exception>
    public NpyRowSource(string path, string role = "data file")
    {
        var stream = DataFile.OpenRead(path, role);
        MemoryMappedFile? map = null;
        try
        {
            Header = NpyHeaderReader.Read(stream, path);
            map = MemoryMappedFile.CreateFromFile(
                stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            _view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        }
        catch
        {
            map?.Dispose();
            stream.Dispose();
            throw;
        }

        _map = map;
        byte* start = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _mapStart = start;
        _data = start + _view.PointerOffset + Header.DataOffset;
        _rowBytes = (long)Header.Features * Header.DataType.Size();
        Name = path;
    }

    /// <summary>The file's header: element type, shape, version.</summary>
    public NpyHeader Header { get; }

    /// <inheritdoc />
    public long Rows => Header.Rows;

    /// <inheritdoc />
    public int Features => Header.Features;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<double> destination) => ReadAs(firstRow, rowCount, destination);

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<float> destination) => ReadAs(firstRow, rowCount, destination);

    /// <inheritdoc />
    public void Evict(long firstRow, long rowCount)
    {
        if (firstRow < 0 || rowCount < 0 || firstRow + rowCount > Rows)
        {
            throw new ArgumentOutOfRangeException(
                nameof(firstRow), $"Rows [{firstRow}, {firstRow + rowCount}) are outside {Name} ({Rows} rows).");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        MemoryAdvice.DropResident(
            _mapStart, _data + (Rows * _rowBytes), _data + (firstRow * _rowBytes), rowCount * _rowBytes);
    }

    /// <summary>Unmaps the file; later reads throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }

    /// <summary>Converts the stored elements of the rows into <paramref name="destination"/>.</summary>
    private void ReadAs<T>(long firstRow, int rowCount, Span<T> destination)
        where T : unmanaged, INumberBase<T>
    {
        RowRange.Check(this, firstRow, rowCount, destination.Length);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var count = rowCount * Features;
        var target = destination[..count];
        var start = _data + (firstRow * _rowBytes);
        switch (Header.DataType)
        {
            case NpyDataType.Float64:
                NumericConvert.Convert(new ReadOnlySpan<double>(start, count), target);
                break;
            case NpyDataType.Float32:
                NumericConvert.Convert(new ReadOnlySpan<float>(start, count), target);
                break;
            case NpyDataType.Int32:
                NumericConvert.Convert(new ReadOnlySpan<int>(start, count), target);
                break;
            default:
                NumericConvert.Convert(new ReadOnlySpan<long>(start, count), target);
                break;
        }
    }
}
