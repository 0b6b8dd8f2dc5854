using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Seed.Data.Storage;
using Parquet;
using Parquet.Schema;

namespace AiMass.Seed.Data.Parts;

/// <summary>
/// One Parquet part read by row group: only the groups that hold the rows asked for are fetched and decoded (over
/// S3, each group's column chunks in one ranged read). As an <see cref="IRowSource"/> over the whole part it keeps
/// the last decoded group, so reading rows in ascending order decodes each group once (planning's row sample).
/// Thread-safe: reads take a lock (Parquet decoding is sequential per file).
/// </summary>
public sealed class ParquetPartReader : IRowSource, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;
    private readonly long[] _groupStarts;
    private (int Group, double[] Values) _decoded = (-1, []);

    private ParquetPartReader(Stream stream, ParquetReader reader, DataField[] fields, string name)
    {
        (_stream, _reader, _fields, Name) = (stream, reader, fields, name);
        _groupStarts = new long[reader.RowGroups.Count + 1];
        for (var g = 0; g < reader.RowGroups.Count; g++)
        {
            _groupStarts[g + 1] = _groupStarts[g] + reader.RowGroups[g].RowCount;
        }
    }

    /// <inheritdoc />
    public long Rows => _groupStarts[^1];

    /// <inheritdoc />
    public int Features => _fields.Length;

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The columns' names and types, e.g. <c>x:Double,y:Single</c> (compared across parts).</summary>
    public string Schema => string.Join(',', _fields.Select(f => $"{f.Name}:{f.ClrType.Name}"));

    /// <summary>Row groups in the part.</summary>
    public int RowGroups => _groupStarts.Length - 1;

    /// <summary>Opens <paramref name="item"/> and reads its footer (schema and row groups) only.</summary>
    /// <exception cref="InvalidInputException">Not readable Parquet, or a column AiMass cannot read.</exception>
    public static ParquetPartReader Open(IObjectStore store, StoredObject item, string role, RangeCache? cache)
    {
        ArgumentNullException.ThrowIfNull(item);
        Stream stream = item.Location.IsS3
            ? new ObjectStream(store, item, role, cache)
            : DataFile.OpenRead(item.Location.Path!, role, 1 << 16);
        try
        {
            var reader = ParquetReader.CreateAsync(stream, null, true).GetAwaiter().GetResult();
            var fields = ParquetRowSource.NumericFields(reader.Schema, item.Name);
            return new ParquetPartReader(stream, reader, fields, item.Name);
        }
        catch (Exception e) when (e is not (InvalidInputException or OutOfMemoryException))
        {
            stream.Dispose();
            throw new InvalidInputException(
                $"{item.Name} is not a readable Parquet file ({e.GetType().Name}); check that it was written "
                + "completely", e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Decodes part rows <c>[first, first + count)</c> into <paramref name="destination"/> (row-major float64),
    /// fetching and decoding only the row groups that hold them, each column straight into place: nothing else is
    /// kept, and no row outside the range is stored or checked.
    /// </summary>
    public void ReadRows(long first, long count, double[] destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        lock (_lock)
        {
            for (var g = GroupOf(first); g < RowGroups && _groupStarts[g] < first + count; g++)
            {
                var from = Math.Max(first, _groupStarts[g]);
                var to = Math.Min(first + count, _groupStarts[g + 1]);
                var skip = from - _groupStarts[g];
                var rowBase = _groupStarts[g] + skip - (from - first); // messages name the part's own row
                Decode(g, c => new ParquetColumnTarget(
                    destination, from - first, c, Features, Name, rowBase, skip, to - from));
            }
        }
    }

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<double> destination)
    {
        RowRange.Check(this, firstRow, rowCount, destination.Length);
        lock (_lock)
        {
            var g = GroupOf(firstRow);
            if (firstRow + rowCount <= _groupStarts[g + 1])
            {
                // Within one group: keep it decoded for the next read.
                if (_decoded.Group != g)
                {
                    _decoded = (-1, []);
                    _decoded = (g, Decode(g));
                }

                _decoded.Values.AsSpan((int)((firstRow - _groupStarts[g]) * Features), rowCount * Features)
                    .CopyTo(destination);
                return;
            }

            var values = new double[rowCount * Features];
            ReadRows(firstRow, rowCount, values);
            values.CopyTo(destination);
        }
    }

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<float> destination)
    {
        var values = new double[rowCount * Features];
        Read(firstRow, rowCount, values);
        NumericConvert.Narrow(values, destination);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }

    private int GroupOf(long row)
    {
        var index = Array.BinarySearch(_groupStarts, row);
        return index >= 0 ? Math.Min(index, RowGroups - 1) : ~index - 1;
    }

    /// <summary>Decodes row group <paramref name="g"/> whole, <c>[group rows × D]</c>.</summary>
    private double[] Decode(int g)
    {
        var rows = _reader.RowGroups[g].RowCount;
        if (rows * Features > Array.MaxLength)
        {
            throw new InvalidInputException(
                $"{Name} row group {g} has {rows} rows × {Features} columns, too many to decode at once; write it "
                + "with smaller row groups (pyarrow: row_group_size=1_000_000)");
        }

        var values = new double[rows * Features];
        Decode(g, c => new ParquetColumnTarget(values, 0, c, Features, Name, _groupStarts[g]));
        return values;
    }

    /// <summary>Decodes each column of row group <paramref name="g"/> into <paramref name="target"/>(column).
    /// </summary>
    private void Decode(int g, Func<int, ParquetColumnTarget> target)
    {
        var group = _reader.RowGroups[g];
        var stream = _stream as ObjectStream;
        if (stream is not null)
        {
            var (offset, length) = Span(group);
            stream.Prefetch(offset, length);
        }

        try
        {
            for (var c = 0; c < _fields.Length; c++)
            {
                ParquetColumns.ReadAsync(group, _fields[c], target(c)).AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is not (InvalidInputException or OutOfMemoryException))
        {
            throw new InvalidInputException(
                $"{Name} row group {g} cannot be decoded ({e.GetType().Name}); check that the file was written "
                + "completely", e);
        }
        finally
        {
            stream?.ReleasePrefetch();
        }
    }

    /// <summary>The byte span of a row group's column chunks (dictionary pages included).</summary>
    private static (long Offset, long Length) Span(ParquetRowGroupReader group)
    {
        long start = long.MaxValue, end = 0;
        foreach (var column in group.RowGroup.Columns)
        {
            if (column.MetaData is not { } meta)
            {
                continue;
            }

            var first = meta.DictionaryPageOffset is > 0 and var dictionary
                ? Math.Min(dictionary, meta.DataPageOffset)
                : meta.DataPageOffset;
            start = Math.Min(start, first);
            end = Math.Max(end, first + meta.TotalCompressedSize);
        }

        return start == long.MaxValue ? (0, 0) : (start, end - start);
    }
}
