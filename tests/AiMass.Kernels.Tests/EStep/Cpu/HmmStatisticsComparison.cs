using AiMass.Kernels.Hmm;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>Array-wise relative errors between two sets of HMM statistics.</summary>
internal static class HmmStatisticsComparison
{
    /// <summary>
    /// The largest relative error ‖a − b‖∞ / ‖b‖∞ over the count and moment arrays, and the relative error of the
    /// log-likelihood; the row and sequence counts must match exactly.
    /// </summary>
    public static (double Arrays, double LogLikelihood) Errors(HmmStatistics actual, HmmStatistics expected)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Sequences, actual.Sequences);
        var arrays = new[]
        {
            StatisticsComparison.Relative(actual.Start, expected.Start),
            StatisticsComparison.Relative(actual.Transitions, expected.Transitions),
            StatisticsComparison.Relative(actual.Posterior, expected.Posterior),
            StatisticsComparison.Relative(actual.S1, expected.S1),
            StatisticsComparison.Relative(actual.S2, expected.S2),
            StatisticsComparison.Relative(actual.Counts, expected.Counts),
        }.Max();
        var logLikelihood = Math.Abs(actual.LogLikelihood - expected.LogLikelihood) / Math.Abs(expected.LogLikelihood);
        return (arrays, logLikelihood);
    }

    /// <summary>Asserts every array and scalar is bit-identical.</summary>
    public static void AssertIdentical(HmmStatistics a, HmmStatistics b)
    {
        Assert.Equal(Bits(a.Start), Bits(b.Start));
        Assert.Equal(Bits(a.Transitions), Bits(b.Transitions));
        Assert.Equal(Bits(a.Posterior), Bits(b.Posterior));
        Assert.Equal(Bits(a.S1), Bits(b.S1));
        Assert.Equal(Bits(a.S2), Bits(b.S2));
        Assert.Equal(Bits(a.Counts), Bits(b.Counts));
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.LogLikelihood), BitConverter.DoubleToInt64Bits(b.LogLikelihood));
        Assert.Equal(a.Rows, b.Rows);
        Assert.Equal(a.Sequences, b.Sequences);
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
