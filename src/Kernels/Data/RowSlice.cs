namespace AiMass.Kernels.Data;

/// <summary>A contiguous range of rows of another source, seen as a source of its own (a partition's view).
/// Evicting rows of the slice evicts them from the underlying source when that one supports it.</summary>
public sealed class RowSlice : IEvictableRowSource
{
    private readonly IRowSource _inner;
    private readonly long _first;

    /// <summary>Rows <c>[first, first + rows)</c> of <paramref name="inner"/>.</summary>
    public RowSlice(IRowSource inner, long first, long rows)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (first < 0 || rows < 0 || first + rows > inner.Rows)
        {
            throw new ArgumentOutOfRangeException(
                nameof(first), $"Rows [{first}, {first + rows}) are outside {inner.Name} ({inner.Rows} rows).");
        }

        _inner = inner;
        _first = first;
        Rows = rows;
    }

    /// <inheritdoc />
    public long Rows { get; }

    /// <inheritdoc />
    public int Features => _inner.Features;

    /// <inheritdoc />
    public string Name => _inner.Name;

    /// <summary>The row of the underlying source where this slice starts (for error messages).</summary>
    public long FirstRow => _first;

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<double> destination)
    {
        RowRange.Check(this, firstRow, rowCount, destination.Length);
        _inner.Read(_first + firstRow, rowCount, destination);
    }

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<float> destination)
    {
        RowRange.Check(this, firstRow, rowCount, destination.Length);
        _inner.Read(_first + firstRow, rowCount, destination);
    }

    /// <inheritdoc />
    public void Evict(long firstRow, long rowCount)
    {
        if (firstRow < 0 || rowCount < 0 || firstRow + rowCount > Rows)
        {
            throw new ArgumentOutOfRangeException(
                nameof(firstRow), $"Rows [{firstRow}, {firstRow + rowCount}) are outside {Name} ({Rows} rows).");
        }

        (_inner as IEvictableRowSource)?.Evict(_first + firstRow, rowCount);
    }
}
