using AiMass.Kernels.Hmm;

namespace AiMass.Kernels.Priors;

/// <summary>
/// MAP Gaussian emissions of an HMM under a <see cref="GaussianPrior"/> (full or diag), per state exactly as the
/// mixtures' components (<see cref="GaussianMapEstimate"/>), from the HMM's statistics shifted by the previous means.
/// </summary>
internal static class HmmGaussianMap
{
    /// <summary>Means <c>[S × D]</c> and covariances; with <paramref name="updateMeans"/> false the means stay the
    /// previous ones exactly and the covariances are estimated about them.</summary>
    public static (double[] Means, double[] Covariances) Estimate(
        HmmStatistics stats, HmmParameters previous, GaussianPrior prior, double regCovar, bool updateMeans)
    {
        int s = stats.States, d = stats.Features;
        var full = stats.Emission == HmmEmission.GaussianFull;
        var means = new double[s * d];
        var covariances = new double[full ? s * d * d : s * d];
        var e = new double[d];
        for (var c = 0; c < s; c++)
        {
            var n = stats.Posterior[c];
            var s1 = stats.S1.AsSpan(c * d, d);
            var shift = previous.Mean(c);
            var mean = means.AsSpan(c * d, d);
            var mu0 = prior.Mean(c);
            if (updateMeans)
            {
                GaussianMapEstimate.Mean(n, s1, shift, mu0, prior.MeanShrinkage, mean, e);
            }
            else
            {
                shift.CopyTo(mean);
                Array.Clear(e);
            }

            if (full)
            {
                GaussianMapEstimate.Full(
                    n, s1, stats.S2.AsSpan(c * d * d, d * d), e, mean, mu0, prior.Covariances.AsSpan(c * d * d, d * d),
                    prior, regCovar, covariances.AsSpan(c * d * d, d * d));
            }
            else
            {
                GaussianMapEstimate.Diagonal(
                    n, s1, stats.S2.AsSpan(c * d, d), e, mean, mu0, prior.Covariances.AsSpan(c * d, d), prior,
                    regCovar, covariances.AsSpan(c * d, d));
            }
        }

        return (means, covariances);
    }
}
