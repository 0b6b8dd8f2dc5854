using AiMass.Kernels.Data;

namespace AiMass.Kernels.Init;

/// <summary>
/// A reproducible uniform sample of rows (with their sample weights) that initialisation works on, so that
/// seeding never needs the whole dataset in memory.
/// </summary>
/// <param name="Values">Sampled rows, <c>[n × D]</c>, in ascending row order.</param>
/// <param name="Weights">Their sample weights, <c>[n]</c> (ones when the data are unweighted).</param>
/// <param name="Features">D.</param>
public sealed record RowSample(double[] Values, double[] Weights, int Features)
{
    /// <summary>Default cap on sampled rows: k-means on more rows rarely changes the initial model.</summary>
    public const int DefaultMaxRows = 50_000;

    /// <summary>Number of sampled rows.</summary>
    public int Count => Weights.Length;

    /// <summary>Row <paramref name="i"/> of the sample, <c>[D]</c>.</summary>
    public ReadOnlySpan<double> Row(int i) => Values.AsSpan(i * Features, Features);

    /// <summary>
    /// All rows when there are at most <paramref name="maxRows"/>, otherwise <paramref name="maxRows"/> distinct
    /// rows drawn uniformly with <paramref name="seed"/> (Floyd's algorithm), read in ascending order.
    /// <paramref name="cancellationToken"/> is checked between reads.
    /// </summary>
    public static RowSample Draw(
        IRowSource rows, IRowSource? weights, int maxRows, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        var d = rows.Features;
        if (rows.Rows <= maxRows)
        {
            var n = (int)rows.Rows;
            var all = new double[n * d];
            var allWeights = new double[n];
            ReadAll(rows, all, d, cancellationToken);
            if (weights is null)
            {
                Array.Fill(allWeights, 1.0);
            }
            else
            {
                ReadAll(weights, allWeights, 1, cancellationToken);
            }

            return new RowSample(all, allWeights, d);
        }

        var chosen = ChooseRows(rows.Rows, maxRows, seed);
        var values = new double[maxRows * d];
        var sampleWeights = new double[maxRows];
        Span<double> one = stackalloc double[1];
        long evicted = 0;
        for (var i = 0; i < chosen.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i % 1024 == 1023)
            {
                // Random rows fault in pages (and the kernel maps their cached neighbours): give back what is
                // behind as the ascending walk goes, so a file larger than memory never becomes resident.
                Evict(rows, weights, evicted, chosen[i]);
                evicted = chosen[i];
            }

            rows.Read(chosen[i], 1, values.AsSpan(i * d, d));
            if (weights is null)
            {
                sampleWeights[i] = 1.0;
            }
            else
            {
                weights.Read(chosen[i], 1, one);
                sampleWeights[i] = one[0];
            }
        }

        Evict(rows, weights, evicted, rows.Rows);
        return new RowSample(values, sampleWeights, d);
    }

    private static void Evict(IRowSource rows, IRowSource? weights, long first, long end)
    {
        (rows as IEvictableRowSource)?.Evict(first, end - first);
        if (weights is IEvictableRowSource evictableWeights)
        {
            evictableWeights.Evict(first, end - first);
        }
    }

    private static void ReadAll(IRowSource source, double[] target, int width, CancellationToken cancellationToken)
    {
        const int chunk = 8192;
        for (long first = 0; first < source.Rows; first += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = (int)Math.Min(chunk, source.Rows - first);
            source.Read(first, n, target.AsSpan((int)first * width, n * width));
            (source as IEvictableRowSource)?.Evict(first, n);
        }
    }

    private static long[] ChooseRows(long total, int count, int seed)
    {
        var random = new Random(seed);
        var chosen = new HashSet<long>(count);
        for (var j = total - count; j < total; j++)
        {
            var t = random.NextInt64(j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }

        var sorted = chosen.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
