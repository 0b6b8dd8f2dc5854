namespace AiMass.Kernels.Data;

/// <summary>An in-memory row source over a row-major float64 array (tests, samples, small data).</summary>
public sealed class ArrayRowSource : IRowSource
{
    private readonly double[] _values;

    /// <summary>Wraps <paramref name="values"/> (<c>[rows × features]</c>, row-major) without copying.</summary>
    public ArrayRowSource(double[] values, int features, string name = "<memory>")
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if (values.Length % features != 0)
        {
            throw new ArgumentException(
                $"{values.Length} values do not make whole rows of {features} features.", nameof(values));
        }

        _values = values;
        Features = features;
        Name = name;
    }

    /// <inheritdoc />
    public long Rows => _values.Length / Features;

    /// <inheritdoc />
    public int Features { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Builds a source from jagged rows (all of one length).</summary>
    public static ArrayRowSource FromRows(IReadOnlyList<double[]> rows, string name = "<memory>")
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one row is needed.", nameof(rows));
        }

        var features = rows[0].Length;
        var values = new double[rows.Count * features];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != features)
            {
                throw new ArgumentException($"Row {i} has {rows[i].Length} values, expected {features}.", nameof(rows));
            }

            rows[i].CopyTo(values, i * features);
        }

        return new ArrayRowSource(values, features, name);
    }

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<double> destination)
    {
        RowRange.Check(this, firstRow, rowCount, destination.Length);
        _values.AsSpan(checked((int)(firstRow * Features)), rowCount * Features).CopyTo(destination);
    }

    /// <inheritdoc />
    public void Read(long firstRow, int rowCount, Span<float> destination)
    {
        RowRange.Check(this, firstRow, rowCount, destination.Length);
        var source = _values.AsSpan(checked((int)(firstRow * Features)), rowCount * Features);
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }
}
