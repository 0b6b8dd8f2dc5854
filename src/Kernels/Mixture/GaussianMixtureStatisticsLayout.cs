using AiMass.Kernels.Em;

namespace AiMass.Kernels.Mixture;

/// <summary>
/// Positions of <see cref="GaussianMixtureStatistics"/>: log-likelihood, weight, N <c>[K]</c>, S1 <c>[K × D]</c>,
/// then S2 — full: K lower triangles; tied: one; diag and spherical: <c>[K × D]</c>.
/// </summary>
/// <param name="Type">Covariance shape.</param>
/// <param name="Components">K.</param>
/// <param name="Features">D.</param>
public sealed record GaussianMixtureStatisticsLayout(CovarianceType Type, int Components, int Features)
    : StatisticsLayout
{
    private int S2Length => Type switch
    {
        CovarianceType.Full => TriangleLength(Components, Features),
        CovarianceType.Tied => TriangleLength(1, Features),
        _ => Components * Features,
    };

    /// <inheritdoc />
    public override int Length => 2 + Components + (Components * Features) + S2Length;

    /// <inheritdoc />
    public override void Deposit(SufficientStatistics statistics, ReproducibleSums sums)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var s = (GaussianMixtureStatistics)statistics;
        sums.Add(0, s.LogLikelihood);
        sums.Add(1, s.Weight);
        sums.Add(2, s.N);
        var offset = 2 + Components;
        sums.Add(offset, s.S1);
        offset += s.S1.Length;
        switch (Type)
        {
            case CovarianceType.Full:
                DepositTriangles(sums, offset, s.S2, Components, Features);
                break;
            case CovarianceType.Tied:
                DepositTriangles(sums, offset, s.S2, 1, Features);
                break;
            default:
                sums.Add(offset, s.S2);
                break;
        }
    }

    /// <inheritdoc />
    public override (long Rows, long Sequences) Counts(SufficientStatistics statistics) =>
        (((GaussianMixtureStatistics)statistics).Rows, 0);

    /// <inheritdoc />
    public override SufficientStatistics Build(ReproducibleSums sums, long rows, long sequences)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var k = Components;
        var d = Features;
        var n = Round(sums, 2, k);
        var s1 = Round(sums, 2 + k, k * d);
        var offset = 2 + k + (k * d);
        var s2 = Type switch
        {
            CovarianceType.Full => RoundTriangles(sums, offset, k, d),
            CovarianceType.Tied => RoundTriangles(sums, offset, 1, d),
            _ => Round(sums, offset, k * d),
        };
        return new GaussianMixtureStatistics(Type, k, d, n, s1, s2, sums.Value(0), sums.Value(1), rows);
    }
}
