using AiMass.Kernels.Hmm;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>
/// The largest difference between two HMMs in units that do not depend on where the data sit: probabilities
/// absolute, means in standard deviations |Δμ_sj| / σ_sj, covariances in correlation units
/// |ΔΣ_sij| / √(Σ_sii Σ_sjj) (an off-diagonal entry near zero has no meaningful relative error).
/// </summary>
internal static class HmmParameterComparison
{
    /// <summary>The largest scaled difference over every parameter of <paramref name="actual"/>.</summary>
    public static double Worst(HmmParameters expected, HmmParameters actual)
    {
        Assert.Equal(expected.Emission, actual.Emission);
        var worst = Absolute(expected.StartProbabilities.AsSpan(), actual.StartProbabilities.AsSpan());
        worst = Math.Max(worst, Absolute(expected.Transitions.AsSpan(), actual.Transitions.AsSpan()));
        worst = Math.Max(
            worst, Absolute(expected.EmissionProbabilities.AsSpan(), actual.EmissionProbabilities.AsSpan()));
        int s = expected.States, d = expected.Features;
        var full = expected.Emission == HmmEmission.GaussianFull;
        for (var c = 0; c < s && expected.Emission.IsGaussian(); c++)
        {
            for (var i = 0; i < d; i++)
            {
                var variance = Variance(expected, c, i);
                worst = Math.Max(worst, Math.Abs(expected.Means[(c * d) + i] - actual.Means[(c * d) + i])
                    / Math.Sqrt(variance));
                for (var j = 0; j < (full ? d : 1); j++)
                {
                    var index = full ? (c * d * d) + (i * d) + j : (c * d) + i;
                    var scale = full ? Math.Sqrt(variance * Variance(expected, c, j)) : variance;
                    worst = Math.Max(worst, Math.Abs(expected.Covariances[index] - actual.Covariances[index]) / scale);
                }
            }
        }

        return worst;
    }

    private static double Variance(HmmParameters model, int state, int i) =>
        model.Emission == HmmEmission.GaussianFull
            ? model.Covariances[(state * model.Features * model.Features) + (i * model.Features) + i]
            : model.Covariances[(state * model.Features) + i];

    private static double Absolute(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        }

        return worst;
    }
}
