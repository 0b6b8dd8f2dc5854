using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Seed.Tests.Serialization;

/// <summary>Exact (bit-for-bit) equality of parameters and statistics, array by array.</summary>
internal static class Same
{
    public static void Parameters(ModelParameters expected, ModelParameters actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        switch (expected)
        {
            case GaussianMixtureParameters e:
                var a = (GaussianMixtureParameters)actual;
                Assert.Equal(e.CovarianceType, a.CovarianceType);
                Assert.Equal(e.Features, a.Features);
                Arrays(e.Weights, a.Weights);
                Arrays(e.Means, a.Means);
                Arrays(e.Covariances, a.Covariances);
                Arrays(e.PrecisionCholesky, a.PrecisionCholesky);
                Arrays(e.LogDetPrecisionCholesky, a.LogDetPrecisionCholesky);
                break;
            case HmmParameters e:
                var h = (HmmParameters)actual;
                Assert.Equal(
                    (e.Emission, e.States, e.Features, e.Symbols), (h.Emission, h.States, h.Features, h.Symbols));
                Arrays(e.StartProbabilities, h.StartProbabilities);
                Arrays(e.Transitions, h.Transitions);
                Arrays(e.Means, h.Means);
                Arrays(e.Covariances, h.Covariances);
                Arrays(e.PrecisionCholesky, h.PrecisionCholesky);
                Arrays(e.LogDetPrecisionCholesky, h.LogDetPrecisionCholesky);
                Arrays(e.EmissionProbabilities, h.EmissionProbabilities);
                break;
            default:
                Assert.Fail($"No comparison for {expected.GetType().Name}.");
                break;
        }
    }

    public static void Statistics(SufficientStatistics expected, SufficientStatistics actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.LogLikelihood, actual.LogLikelihood);
        Assert.Equal(expected.Weight, actual.Weight);
        Assert.Equal(expected.Rows, actual.Rows);
        switch (expected)
        {
            case GaussianMixtureStatistics e:
                var a = (GaussianMixtureStatistics)actual;
                Assert.Equal(
                    (e.CovarianceType, e.Components, e.Features), (a.CovarianceType, a.Components, a.Features));
                Arrays(e.N, a.N);
                Arrays(e.S1, a.S1);
                Arrays(e.S2, a.S2);
                break;
            case HmmStatistics e:
                var h = (HmmStatistics)actual;
                Assert.Equal(
                    (e.Emission, e.States, e.Features, e.Symbols), (h.Emission, h.States, h.Features, h.Symbols));
                Assert.Equal(e.Sequences, h.Sequences);
                Arrays(e.Start, h.Start);
                Arrays(e.Transitions, h.Transitions);
                Arrays(e.Posterior, h.Posterior);
                Arrays(e.S1, h.S1);
                Arrays(e.S2, h.S2);
                Arrays(e.Counts, h.Counts);
                break;
            default:
                Assert.Fail($"No comparison for {expected.GetType().Name}.");
                break;
        }
    }

    /// <summary>Equal lengths and equal bits (so −0.0 ≠ 0.0 and NaN payloads count).</summary>
    public static void Arrays(IEnumerable<double> expected, IEnumerable<double> actual) =>
        Assert.Equal(
            expected.Select(BitConverter.DoubleToInt64Bits).ToArray(),
            actual.Select(BitConverter.DoubleToInt64Bits).ToArray());
}
