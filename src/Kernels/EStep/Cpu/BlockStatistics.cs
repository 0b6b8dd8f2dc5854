namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// float64 statistics of one block of rows in the kernels' padded layout (or the running total of a partition):
/// N <c>[K]</c>, Ŝ1 <c>[K × Dp]</c>, Ŝ2 (see <see cref="MixtureLayout.SecondMomentLength"/>), the weighted
/// log-likelihood, the total weight, and for tied covariances Σ w ẑ <c>[Dp]</c>.
/// </summary>
internal sealed class BlockStatistics
{
    /// <summary>Zero statistics for <paramref name="layout"/>.</summary>
    public BlockStatistics(MixtureLayout layout)
    {
        Layout = layout;
        N = new double[layout.Components];
        S1 = new double[layout.Components * layout.PaddedFeatures];
        S2 = new double[layout.SecondMomentLength];
        WeightedSum = new double[layout.PaddedFeatures];
    }

    /// <summary>The shape these arrays are laid out for.</summary>
    public MixtureLayout Layout { get; }

    /// <summary>Σ ρ_ik per component.</summary>
    public double[] N { get; }

    /// <summary>Σ ρ_ik ẑ_ik, row stride Dp.</summary>
    public double[] S1 { get; }

    /// <summary>Second moments of ẑ in the padded layout (full: only the lower-triangle register blocks).</summary>
    public double[] S2 { get; }

    /// <summary>Tied only: Σ w_i ẑ_i, to move the shared scatter to its exact shift.</summary>
    public double[] WeightedSum { get; }

    /// <summary>Σ w_i log p(x_i).</summary>
    public double LogLikelihood { get; set; }

    /// <summary>Σ w_i.</summary>
    public double Weight { get; set; }

    /// <summary>Adds <paramref name="block"/> element by element (the fixed-order merge).</summary>
    public void Add(BlockStatistics block)
    {
        ArgumentNullException.ThrowIfNull(block);
        AddArray(N, block.N);
        AddArray(S1, block.S1);
        AddArray(S2, block.S2);
        AddArray(WeightedSum, block.WeightedSum);
        LogLikelihood += block.LogLikelihood;
        Weight += block.Weight;
    }

    /// <summary>Resets every value to zero.</summary>
    public void Clear()
    {
        Array.Clear(N);
        Array.Clear(S1);
        Array.Clear(S2);
        Array.Clear(WeightedSum);
        LogLikelihood = 0;
        Weight = 0;
    }

    private static void AddArray(double[] total, double[] part)
    {
        // One float64 addition per element: the same bits whether or not it is vectorised.
        var width = System.Numerics.Vector<double>.Count;
        var i = 0;
        for (; i <= total.Length - width; i += width)
        {
            var sum = new System.Numerics.Vector<double>(total, i) + new System.Numerics.Vector<double>(part, i);
            sum.CopyTo(total, i);
        }

        for (; i < total.Length; i++)
        {
            total[i] += part[i];
        }
    }
}
