using System.Numerics;
using AiMass.Kernels;
using AiMass.Kernels.Data;

namespace AiMass.Seed.Data;

/// <summary>
/// Scans rows for NaN and infinities once, in chunks, and reports the first one with the file, absolute row and
/// column. Sources that validate while loading (CSV, Parquet) do not need it; <c>.npy</c> does.
/// </summary>
public static class FiniteCheck
{
    /// <summary>Values read per chunk: 32 768 float64 (256 KB) stay in the L2 cache between read and scan.</summary>
    public const int ChunkValues = 32_768;

    /// <summary>
    /// Throws for the first non-finite value in rows <c>[first, first + count)</c> of <paramref name="source"/>:
    /// "data.npy row 1234, column 3: NaN; remove or impute the rows with missing values". Rows are counted in the
    /// underlying file (a <see cref="RowSlice"/>'s <see cref="RowSlice.FirstRow"/> is added); columns from 0.
    /// </summary>
    /// <exception cref="InvalidInputException">A NaN or infinite value.</exception>
    public static void EnsureFinite(IRowSource source, long first, long count)
    {
        ArgumentNullException.ThrowIfNull(source);
        RowRange.Check(source, first, 0, 0);
        RowRange.Check(source, first + count, 0, 0);
        var d = source.Features;
        var chunk = (int)Math.Min(Math.Max(1, ChunkValues / d), Math.Max(count, 1));
        var buffer = new double[chunk * d];
        for (long row = first; row < first + count; row += chunk)
        {
            var n = (int)Math.Min(chunk, first + count - row);
            var values = buffer.AsSpan(0, n * d);
            source.Read(row, n, values);
            (source as IEvictableRowSource)?.Evict(row, n); // one pass over the file: RSS stays flat
            var bad = IndexOfNonFinite(values);
            if (bad >= 0)
            {
                var offset = source is RowSlice slice ? slice.FirstRow : 0;
                throw new InvalidInputException(
                    $"{source.Name} row {offset + row + (bad / d)}, column {bad % d}: {Describe(values[bad])}");
            }
        }
    }

    /// <summary>Scans all rows of <paramref name="source"/>; see
    /// <see cref="EnsureFinite(IRowSource,long,long)"/>.</summary>
    public static void EnsureFinite(IRowSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        EnsureFinite(source, 0, source.Rows);
    }

    /// <summary>What is wrong with a non-finite value and what to do, for messages.</summary>
    public static string Describe(double value) => double.IsNaN(value)
        ? "NaN; remove or impute the rows with missing values"
        : $"{(value > 0 ? "+" : "-")}Inf; remove the row or replace the value with a finite number";

    /// <summary>Index of the first NaN or ±Inf, or −1. x − x is 0 for finite x and NaN otherwise, so one vector
    /// compare tests <see cref="Vector{T}.Count"/> values.</summary>
    internal static int IndexOfNonFinite(ReadOnlySpan<double> values)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var v = new Vector<double>(values[i..]);
                if (!Vector.EqualsAll(v - v, Vector<double>.Zero))
                {
                    break;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
