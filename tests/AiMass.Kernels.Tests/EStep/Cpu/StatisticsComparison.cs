using AiMass.Kernels.Mixture;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>Array-wise relative error: ‖a − b‖∞ / max(‖b‖∞, tiny).</summary>
internal static class StatisticsComparison
{
    /// <summary>The largest relative error over N, S1, S2, the log-likelihood and the weight.</summary>
    public static double MaxRelativeError(GaussianMixtureStatistics actual, GaussianMixtureStatistics expected)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        return new[]
        {
            Relative(actual.N, expected.N),
            Relative(actual.S1, expected.S1),
            Relative(actual.S2, expected.S2),
            Relative([actual.LogLikelihood], [expected.LogLikelihood]),
            Relative([actual.Weight], [expected.Weight]),
        }.Max();
    }

    /// <summary>‖a − b‖∞ / max(‖b‖∞, 1e-300).</summary>
    public static double Relative(double[] actual, double[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double difference = 0, scale = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.False(double.IsNaN(actual[i]), $"value {i} is NaN");
            difference = Math.Max(difference, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }

        return difference / Math.Max(scale, 1e-300);
    }

    /// <summary>Asserts every array is bit-identical.</summary>
    public static void AssertIdentical(GaussianMixtureStatistics a, GaussianMixtureStatistics b)
    {
        Assert.Equal(Bits(a.N), Bits(b.N));
        Assert.Equal(Bits(a.S1), Bits(b.S1));
        Assert.Equal(Bits(a.S2), Bits(b.S2));
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.LogLikelihood), BitConverter.DoubleToInt64Bits(b.LogLikelihood));
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.Weight), BitConverter.DoubleToInt64Bits(b.Weight));
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
