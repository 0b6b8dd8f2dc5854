using AiMass.Kernels.Hmm;

namespace AiMass.Coordinator.Tests.Support;

/// <summary>Element-wise comparisons within a relative tolerance that report the worst entry.</summary>
public static class Close
{
    /// <summary>
    /// |actual − expected| ≤ relative·|expected| + absolute for every entry; returns the largest relative error
    /// among entries above <paramref name="absolute"/>.
    /// </summary>
    public static double Arrays(
        IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative, string what, double absolute = 0)
    {
        Assert.Equal(expected.Count, actual.Count);
        var worst = 0.0;
        for (var i = 0; i < expected.Count; i++)
        {
            var error = Math.Abs(actual[i] - expected[i]);
            Assert.True(
                error <= (relative * Math.Abs(expected[i])) + absolute,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}.");
            if (Math.Abs(expected[i]) > absolute)
            {
                worst = Math.Max(worst, error / Math.Abs(expected[i]));
            }
        }

        return worst;
    }

    /// <summary>Every parameter array of two HMMs; returns the largest relative error.</summary>
    public static double Models(HmmParameters expected, HmmParameters actual, double relative, double absolute)
    {
        Assert.Equal(expected.Emission, actual.Emission);
        Assert.Equal(expected.States, actual.States);
        Assert.Equal(expected.Symbols, actual.Symbols);
        return new[]
        {
            Arrays([.. expected.StartProbabilities], [.. actual.StartProbabilities], relative, "startprob", absolute),
            Arrays([.. expected.Transitions], [.. actual.Transitions], relative, "transmat", absolute),
            Arrays([.. expected.Means], [.. actual.Means], relative, "means", absolute),
            Arrays([.. expected.Covariances], [.. actual.Covariances], relative, "covariances", absolute),
            Arrays(
                [.. expected.EmissionProbabilities], [.. actual.EmissionProbabilities], relative, "emissionprob",
                absolute),
        }.Max();
    }
}
