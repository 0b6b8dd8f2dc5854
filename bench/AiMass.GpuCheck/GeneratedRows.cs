using AiMass.Kernels.Data;

namespace AiMass.GpuCheck;

/// <summary>
/// Rows generated on demand from (seed, row): row i belongs to cluster hash(i) mod K and is its centre plus
/// approximately standard-normal noise (a sum of four hashed uniforms). Nothing is held in memory, so
/// N = 10⁷, D = 32 costs no 2.5 GB host array and no file.
/// </summary>
internal sealed class GeneratedRows(long rows, int features, double[] centres, ulong seed) : IRowSource
{
    private readonly int _clusters = centres.Length / features;

    public long Rows => rows;

    public int Features => features;

    public string Name => $"<generated {rows}×{features}>";

    public static double[] Centres(int clusters, int features, ulong seed)
    {
        var centres = new double[clusters * features];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = 4 * Noise(Hash(seed ^ 0x5EED, (ulong)i));
        }

        return centres;
    }

    public void Read(long firstRow, int rowCount, Span<double> destination)
    {
        RowRange.Check(this, firstRow, rowCount, destination.Length);
        for (var r = 0; r < rowCount; r++)
        {
            var row = (ulong)(firstRow + r);
            var cluster = (int)(Hash(seed, row) % (ulong)_clusters);
            for (var j = 0; j < features; j++)
            {
                destination[(r * features) + j] = centres[(cluster * features) + j]
                    + Noise(Hash(seed + 1, (row * (ulong)features) + (ulong)j));
            }
        }
    }

    public void Read(long firstRow, int rowCount, Span<float> destination)
    {
        var values = new double[rowCount * features];
        Read(firstRow, rowCount, values);
        for (var i = 0; i < values.Length; i++)
        {
            destination[i] = (float)values[i];
        }
    }

    /// <summary>SplitMix64 of (seed, index).</summary>
    private static ulong Hash(ulong seed, ulong index)
    {
        var z = (seed * 0x9E3779B97F4A7C15UL) + index + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Sum of the four 16-bit uniforms of <paramref name="h"/>, centred and scaled to variance 1.</summary>
    private static double Noise(ulong h)
    {
        var sum = (h & 0xFFFF) + ((h >> 16) & 0xFFFF) + ((h >> 32) & 0xFFFF) + (h >> 48);
        return ((sum / 65536.0) - 2.0) * 1.7320508075688772;
    }
}
