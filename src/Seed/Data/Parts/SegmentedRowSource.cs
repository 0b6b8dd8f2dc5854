using AiMass.Kernels.Data;

namespace AiMass.Seed.Data.Parts;

/// <summary>
/// Rows of a dataset made of segments that follow each other (parts of a multi-file dataset, or the pieces of one
/// partition in several files), addressed in dataset rows: <see cref="Rows"/> is the dataset's row count, and only
/// rows that a segment holds can be read. A read that crosses a segment boundary is split, so values land exactly
/// as if the segments were one file. Evicting forwards to the segments that support it.
/// </summary>
public sealed class SegmentedRowSource : IEvictableRowSource, IDisposable
{
    private readonly Segment[] _segments;
    private readonly long[] _starts;

    /// <summary>Segments in row order (each at its dataset row); <paramref name="rows"/> is the dataset's count.
    /// </summary>
    public SegmentedRowSource(IReadOnlyList<Segment> segments, long rows, int features, string name)
    {
        ArgumentNullException.ThrowIfNull(segments);
        _segments = [.. segments.Where(s => s.Rows > 0)];
        _starts = [.. _segments.Select(s => s.FirstRow)];
        (Rows, Features, Name) = (rows, features, name);
    }

    /// <inheritdoc />
    public long Rows { get; }

    /// <inheritdoc />
    public int Features { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The segments, in row order.</summary>
    public IReadOnlyList<Segment> Segments => _segments;

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<double> destination)
    {
        RowRange.Check(this, firstRow, rowCount, destination.Length);
        for (long row = firstRow, end = firstRow + rowCount; row < end;)
        {
            var (s, n) = Piece(row, end);
            s.Source.Read(s.SourceRow + row - s.FirstRow, n, destination.Slice((int)(row - firstRow) * Features));
            row += n;
        }
    }

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<float> destination)
    {
        RowRange.Check(this, firstRow, rowCount, destination.Length);
        for (long row = firstRow, end = firstRow + rowCount; row < end;)
        {
            var (s, n) = Piece(row, end);
            s.Source.Read(s.SourceRow + row - s.FirstRow, n, destination.Slice((int)(row - firstRow) * Features));
            row += n;
        }
    }

    /// <inheritdoc />
    public void Evict(long firstRow, long rowCount)
    {
        for (var i = 0; i < _segments.Length; i++)
        {
            var s = _segments[i];
            var from = Math.Max(firstRow, s.FirstRow);
            var to = Math.Min(firstRow + rowCount, s.FirstRow + s.Rows);
            if (to > from && s.Source is IEvictableRowSource evictable)
            {
                evictable.Evict(s.SourceRow + from - s.FirstRow, to - from);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var source in _segments.Select(s => s.Source).Distinct())
        {
            (source as IDisposable)?.Dispose();
        }
    }

    /// <summary>The segment holding <paramref name="row"/> and how many rows of <c>[row, end)</c> it holds.
    /// </summary>
    private (Segment Segment, int Count) Piece(long row, long end)
    {
        var index = Array.BinarySearch(_starts, row);
        var i = index >= 0 ? index : ~index - 1;
        if (i < 0 || row >= _segments[i].FirstRow + _segments[i].Rows)
        {
            throw new ArgumentOutOfRangeException(
                nameof(row), $"Row {row} of {Name} is not held here (another partition's row).");
        }

        var s = _segments[i];
        return (s, (int)(Math.Min(end, s.FirstRow + s.Rows) - row));
    }

    /// <summary>Dataset rows <c>[FirstRow, FirstRow + Rows)</c> are rows from <paramref name="SourceRow"/> of
    /// <paramref name="Source"/>.</summary>
    /// <param name="FirstRow">The segment's first dataset row.</param>
    /// <param name="Rows">Its row count.</param>
    /// <param name="Source">Where its rows are.</param>
    /// <param name="SourceRow">The source's row that is the segment's first.</param>
    public sealed record Segment(long FirstRow, long Rows, IRowSource Source, long SourceRow);
}
