using Xunit;
using AiMass.Kernels.Hmm;

namespace AiMass.Kernels.Tests.Hmm;

/// <summary>Element-wise comparisons that report the worst entry.</summary>
internal static class Assertions
{
    /// <summary>
    /// |actual − expected| ≤ relative·|expected| + absolute for every entry; returns the largest relative error
    /// seen among entries with |expected| above <paramref name="absolute"/>.
    /// </summary>
    public static double Close(
        ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double relative, string what,
        double absolute = 0)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var error = Math.Abs(actual[i] - expected[i]);
            Assert.True(
                error <= (relative * Math.Abs(expected[i])) + absolute,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} " +
                $"(relative error {error / Math.Abs(expected[i]):G3}).");
            if (Math.Abs(expected[i]) > absolute && expected[i] != 0)
            {
                worst = Math.Max(worst, error / Math.Abs(expected[i]));
            }
        }

        return worst;
    }

    /// <summary>Compares every parameter array of two HMMs; returns the largest relative error.</summary>
    public static double SameModel(HmmParameters expected, HmmParameters actual, double relative, double absolute = 0)
    {
        Assert.Equal(expected.Emission, actual.Emission);
        Assert.Equal(expected.States, actual.States);
        (string Name, double[] Expected, double[] Actual)[] arrays =
        [
            ("startprob", [.. expected.StartProbabilities], [.. actual.StartProbabilities]),
            ("transmat", [.. expected.Transitions], [.. actual.Transitions]),
            ("means", [.. expected.Means], [.. actual.Means]),
            ("covariances", [.. expected.Covariances], [.. actual.Covariances]),
            ("emissionprob", [.. expected.EmissionProbabilities], [.. actual.EmissionProbabilities]),
        ];
        return arrays.Max(a => Close(a.Expected, a.Actual, relative, a.Name, absolute));
    }
}
