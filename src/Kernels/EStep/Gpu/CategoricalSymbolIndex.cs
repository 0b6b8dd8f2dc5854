using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// What the device path needs to know about a categorical partition's symbols, read once on the host: the first
/// row that is not a non-negative integer, and the rows where the running maximum symbol grows (so the first row
/// with a symbol ≥ M is found for any M without reading the rows again). The kernels decode a symbol from the
/// centred float32 row as ⌊x̃ + m_p + ½⌋; <see cref="Build"/> checks that this gives back every symbol exactly.
/// </summary>
internal sealed class CategoricalSymbolIndex
{
    private readonly List<(long Row, double Symbol)> _records;
    private readonly (long Row, double Value)? _firstInvalid;

    private CategoricalSymbolIndex(List<(long Row, double Symbol)> records, (long Row, double Value)? firstInvalid)
    {
        _records = records;
        _firstInvalid = firstInvalid;
    }

    /// <summary>
    /// Reads <paramref name="partition"/>'s symbols. Throws <see cref="DeviceCannotRunException"/> (the CPU path then
    /// takes the partition) when a symbol is too large to survive the float32 centring, i.e. |x − m_p| ≳ 2²².
    /// </summary>
    public static CategoricalSymbolIndex Build(DataPartition partition, double centre, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var records = new List<(long Row, double Symbol)>();
        (long Row, double Value)? firstInvalid = null;
        var max = double.NegativeInfinity;
        RowChunks.ForEach(partition, 1 << 16, cancellation, (first, n, rows, _) =>
        {
            for (var i = 0; i < n; i++)
            {
                var v = rows[i];
                if (!(v >= 0) || v != Math.Floor(v) || v > int.MaxValue)
                {
                    firstInvalid ??= (first + i, v);
                    continue;
                }

                if ((int)Math.Floor((double)(float)(v - centre) + centre + 0.5) != (int)v)
                {
                    throw new DeviceCannotRunException(
                        $"{partition.Rows.Name} row {first + i}: symbol {v} does not survive the device's float32 " +
                        "centring; this partition runs on the CPU path.");
                }

                if (v > max)
                {
                    max = v;
                    records.Add((first + i, v));
                }
            }
        });
        return new CategoricalSymbolIndex(records, firstInvalid);
    }

    /// <summary>
    /// Throws the reference E-step's <see cref="InvalidInputException"/> for the first row whose value is not a
    /// symbol in 0..<paramref name="symbols"/>−1 (rows numbered from <paramref name="origin"/> in
    /// <paramref name="source"/>); returns when every row is one.
    /// </summary>
    public void Check(int symbols, string source, long origin)
    {
        (long Row, double Value)? bad = _firstInvalid;
        foreach (var (row, symbol) in _records)
        {
            if (symbol >= symbols)
            {
                if (bad is null || row < bad.Value.Row)
                {
                    bad = (row, symbol);
                }

                break;
            }
        }

        if (bad is { } b)
        {
            CategoricalSymbols.Check(b.Value, symbols, source, origin + b.Row);
        }
    }
}
