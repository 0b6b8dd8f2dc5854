using AiMass.Kernels.Em;

namespace AiMass.Kernels.Hmm;

/// <summary>
/// Positions of <see cref="HmmStatistics"/>: log-likelihood, start <c>[S]</c>, transitions <c>[S × S]</c>,
/// posterior <c>[S]</c>, S1 <c>[S × D]</c>, S2 (full: S lower triangles; diag <c>[S × D]</c>), counts
/// <c>[S × M]</c> (arrays the emission does not use are empty).
/// </summary>
/// <param name="Emission">What the states emit.</param>
/// <param name="States">S.</param>
/// <param name="Features">D (1 for categorical).</param>
/// <param name="Symbols">M (0 for Gaussian emissions).</param>
public sealed record HmmStatisticsLayout(HmmEmission Emission, int States, int Features, int Symbols)
    : StatisticsLayout
{
    private bool Gaussian => Emission != HmmEmission.Categorical;

    private int S1Length => Gaussian ? States * Features : 0;

    private int S2Length => Emission switch
    {
        HmmEmission.GaussianFull => TriangleLength(States, Features),
        HmmEmission.GaussianDiag => States * Features,
        _ => 0,
    };

    private int CountsLength => Gaussian ? 0 : States * Symbols;

    /// <inheritdoc />
    public override int Length =>
        1 + States + (States * States) + States + S1Length + S2Length + CountsLength;

    /// <inheritdoc />
    public override void Deposit(SufficientStatistics statistics, ReproducibleSums sums)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var s = (HmmStatistics)statistics;
        sums.Add(0, s.LogLikelihood);
        var offset = 1;
        foreach (var part in new[] { s.Start, s.Transitions, s.Posterior, s.S1 })
        {
            sums.Add(offset, part);
            offset += part.Length;
        }

        if (Emission == HmmEmission.GaussianFull)
        {
            offset = DepositTriangles(sums, offset, s.S2, States, Features);
        }
        else
        {
            sums.Add(offset, s.S2);
            offset += s.S2.Length;
        }

        sums.Add(offset, s.Counts);
    }

    /// <inheritdoc />
    public override (long Rows, long Sequences) Counts(SufficientStatistics statistics)
    {
        var s = (HmmStatistics)statistics;
        return (s.Rows, s.Sequences);
    }

    /// <inheritdoc />
    public override SufficientStatistics Build(ReproducibleSums sums, long rows, long sequences)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var n = States;
        var offset = 1;
        var start = Take(sums, ref offset, n);
        var transitions = Take(sums, ref offset, n * n);
        var posterior = Take(sums, ref offset, n);
        var s1 = Take(sums, ref offset, S1Length);
        double[] s2;
        if (Emission == HmmEmission.GaussianFull)
        {
            s2 = RoundTriangles(sums, offset, n, Features);
            offset += S2Length;
        }
        else
        {
            s2 = Take(sums, ref offset, S2Length);
        }

        var counts = Take(sums, ref offset, CountsLength);
        return new HmmStatistics(
            Emission, n, Features, Symbols, start, transitions, posterior, s1, s2, counts, sums.Value(0), rows,
            sequences);
    }

    private static double[] Take(ReproducibleSums sums, ref int offset, int count)
    {
        var values = Round(sums, offset, count);
        offset += count;
        return values;
    }
}
