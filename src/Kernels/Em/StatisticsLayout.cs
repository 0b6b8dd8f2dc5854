namespace AiMass.Kernels.Em;

/// <summary>
/// How one model family's statistics map onto flat float64 positions for <see cref="ReproducibleSums"/>, and back:
/// every additive float64 of the statistics (log-likelihood, weight, and the arrays; symmetric blocks as lower
/// triangles, since the upper halves are copies) has one position. Integer counts (rows, sequences) are added
/// exactly beside them. Layouts are records: equal shapes give equal layouts.
/// </summary>
public abstract record StatisticsLayout
{
    /// <summary>Number of float64 positions.</summary>
    public abstract int Length { get; }

    /// <summary>Adds <paramref name="statistics"/> (of this layout) into <paramref name="sums"/>.</summary>
    public abstract void Deposit(SufficientStatistics statistics, ReproducibleSums sums);

    /// <summary>The rows and sequences that <paramref name="statistics"/> cover (sequences 0 where none).</summary>
    public abstract (long Rows, long Sequences) Counts(SufficientStatistics statistics);

    /// <summary>Statistics of this layout from rounded <paramref name="sums"/> and the exact counts.</summary>
    public abstract SufficientStatistics Build(ReproducibleSums sums, long rows, long sequences);

    /// <summary>
    /// Adds <paramref name="blocks"/> symmetric D×D blocks' lower triangles (row by row) at
    /// <paramref name="offset"/>; returns the position after them.
    /// </summary>
    protected static int DepositTriangles(
        ReproducibleSums sums, int offset, ReadOnlySpan<double> matrices, int blocks, int d)
    {
        ArgumentNullException.ThrowIfNull(sums);
        for (var b = 0; b < blocks; b++)
        {
            for (var i = 0; i < d; i++)
            {
                sums.Add(offset, matrices.Slice((b * d * d) + (i * d), i + 1));
                offset += i + 1;
            }
        }

        return offset;
    }

    /// <summary>
    /// Reads <paramref name="blocks"/> lower triangles from <paramref name="offset"/> into full D×D blocks (the
    /// statistics' constructors mirror them); returns the blocks.
    /// </summary>
    protected static double[] RoundTriangles(ReproducibleSums sums, int offset, int blocks, int d)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var matrices = new double[blocks * d * d];
        for (var b = 0; b < blocks; b++)
        {
            for (var i = 0; i < d; i++)
            {
                sums.CopyTo(offset, matrices.AsSpan((b * d * d) + (i * d), i + 1));
                offset += i + 1;
            }
        }

        return matrices;
    }

    /// <summary>Rounded values of positions <paramref name="offset"/> … +<paramref name="count"/>.</summary>
    protected static double[] Round(ReproducibleSums sums, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var values = new double[count];
        sums.CopyTo(offset, values);
        return values;
    }

    /// <summary>Number of elements of <paramref name="blocks"/> lower triangles of D×D.</summary>
    protected static int TriangleLength(int blocks, int d) => blocks * d * (d + 1) / 2;
}
