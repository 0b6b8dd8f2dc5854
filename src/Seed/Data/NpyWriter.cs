using System.Numerics;
using System.Runtime.InteropServices;

namespace AiMass.Seed.Data;

/// <summary>
/// Writes a <c>.npy</c> file (version 1.0, header padded to 64 bytes as numpy does) row chunk by row chunk, so
/// arrays larger than memory can be written (<c>aimass gen</c>). The shape is fixed up front; call
/// <see cref="Complete"/> after the last row. Disposing an incomplete writer deletes the file, so a failed run
/// leaves no truncated array behind. Values are converted to the file's type: float64/float32 files take any
/// values (float32 rounds), int32/int64 files take only integers (int64 → int32 is checked for overflow).
/// </summary>
public sealed class NpyWriter : IDisposable
{
    private const int ChunkBytes = 1 << 20;
    private readonly FileStream _stream;
    private readonly byte[] _buffer = new byte[ChunkBytes];
    private readonly long _totalValues;
    private long _writtenValues;
    private bool _completed;

    private NpyWriter(string path, NpyDataType dataType, long rows, int features, bool oneDimensional)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("NpyWriter writes little-endian data on little-endian machines.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        var header = NpyHeader.Encode(dataType, rows, features, oneDimensional);
        _stream = OutputFile.Create(path, ChunkBytes);
        _stream.Write(header);
        Path = path;
        DataType = dataType;
        Rows = rows;
        Features = features;
        _totalValues = rows * features;
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>The element type of the file.</summary>
    public NpyDataType DataType { get; }

    /// <summary>Rows the header announces.</summary>
    public long Rows { get; }

    /// <summary>Values per row.</summary>
    public int Features { get; }

    /// <summary>Rows written so far.</summary>
    public long RowsWritten => _writtenValues / Features;

    /// <summary>Starts a 2-D array <c>[rows × features]</c> of <paramref name="dataType"/> at
    /// <paramref name="path"/>.</summary>
    /// <exception cref="AiMass.Kernels.InvalidInputException">The file cannot be created.</exception>
    public static NpyWriter Create(string path, NpyDataType dataType, long rows, int features) =>
        new(path, dataType, rows, features, oneDimensional: false);

    /// <summary>Starts a 1-D array of <paramref name="length"/> values at <paramref name="path"/>.</summary>
    /// <exception cref="AiMass.Kernels.InvalidInputException">The file cannot be created.</exception>
    public static NpyWriter CreateVector(string path, NpyDataType dataType, long length) =>
        new(path, dataType, length, 1, oneDimensional: true);

    /// <summary>Appends whole rows, <c>[n × Features]</c> row-major.</summary>
    public void WriteRows(ReadOnlySpan<double> values) => Append(values);

    /// <summary>Appends whole rows, <c>[n × Features]</c> row-major.</summary>
    public void WriteRows(ReadOnlySpan<float> values) => Append(values);

    /// <summary>Appends whole rows, <c>[n × Features]</c> row-major.</summary>
    public void WriteRows(ReadOnlySpan<int> values) => Append(values);

    /// <summary>Appends whole rows, <c>[n × Features]</c> row-major.</summary>
    public void WriteRows(ReadOnlySpan<long> values) => Append(values);

    /// <summary>Checks that every announced row was written and closes the file.</summary>
    /// <exception cref="InvalidOperationException">Fewer rows were written than the header announces.</exception>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_writtenValues != _totalValues)
        {
            throw new InvalidOperationException(
                $"{Path}: {RowsWritten} of {Rows} rows were written; the file would be truncated.");
        }

        _stream.Dispose();
        _completed = true;
    }

    /// <summary>Closes the file; if <see cref="Complete"/> was not called, deletes it.</summary>
    public void Dispose()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _stream.Dispose();
        File.Delete(Path);
    }

    internal void Append<T>(ReadOnlySpan<T> values)
        where T : unmanaged, INumberBase<T>
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (values.Length % Features != 0)
        {
            throw new ArgumentException(
                $"{values.Length} values are not whole rows of {Features}.", nameof(values));
        }

        if (_writtenValues + values.Length > _totalValues)
        {
            throw new InvalidOperationException(
                $"{Path}: writing {values.Length / Features} more rows would exceed the {Rows} rows announced.");
        }

        var size = DataType.Size();
        for (var start = 0; start < values.Length; start += ChunkBytes / size)
        {
            var chunk = values.Slice(start, Math.Min(ChunkBytes / size, values.Length - start));
            _stream.Write(_buffer.AsSpan(0, Encode(chunk)));
        }

        _writtenValues += values.Length;
    }

    /// <summary>Converts <paramref name="values"/> into the buffer as the file's type; returns bytes used.</summary>
    private int Encode<T>(ReadOnlySpan<T> values)
        where T : unmanaged, INumberBase<T>
    {
        switch (DataType)
        {
            case NpyDataType.Float64:
                Store<T, double>(values);
                break;
            case NpyDataType.Float32:
                Store<T, float>(values);
                break;
            case NpyDataType.Int32 when typeof(T) == typeof(int) || typeof(T) == typeof(long):
                StoreChecked<T, int>(values);
                break;
            case NpyDataType.Int64 when typeof(T) == typeof(int) || typeof(T) == typeof(long):
                StoreChecked<T, long>(values);
                break;
            default:
                throw new ArgumentException(
                    $"{Path} holds {DataType.NumpyName()}; write integers (int or long) to it, not {typeof(T).Name}.");
        }

        return values.Length * DataType.Size();
    }

    private void Store<TFrom, TTo>(ReadOnlySpan<TFrom> values)
        where TFrom : unmanaged, INumberBase<TFrom>
        where TTo : unmanaged, INumberBase<TTo>
    {
        NumericConvert.Convert(values, MemoryMarshal.Cast<byte, TTo>(_buffer.AsSpan())[..values.Length]);
    }

    private void StoreChecked<TFrom, TTo>(ReadOnlySpan<TFrom> values)
        where TFrom : unmanaged, INumberBase<TFrom>
        where TTo : unmanaged, INumberBase<TTo>
    {
        var target = MemoryMarshal.Cast<byte, TTo>(_buffer.AsSpan());
        for (var i = 0; i < values.Length; i++)
        {
            target[i] = TTo.CreateChecked(values[i]);
        }
    }
}
