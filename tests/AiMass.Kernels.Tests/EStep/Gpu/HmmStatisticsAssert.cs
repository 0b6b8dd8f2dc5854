using AiMass.Kernels.Hmm;
using Xunit;
using Xunit.Sdk;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>
/// Compares HMM statistics entry by entry, each relative to its natural scale (an exact zero would make a plain
/// relative error meaningless): counts (start, transitions, occupancies, symbol counts) to the number of
/// observations they share; S1_sj to √(N_s·S2_sjj) and S2_s[a, b] to √(S2_saa·S2_sbb), the Cauchy–Schwarz
/// bounds of those entries; the log-likelihood to |LL| + rows. Returns the worst scaled error seen.
/// </summary>
internal static class HmmStatisticsAssert
{
    public static double Close(HmmStatistics expected, HmmStatistics actual, double tolerance)
    {
        Assert.Equal(expected.Emission, actual.Emission);
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Sequences, actual.Sequences);
        var worst = Within("LogLikelihood", expected.LogLikelihood, actual.LogLikelihood,
            Math.Abs(expected.LogLikelihood) + expected.Rows, tolerance);
        worst = Math.Max(worst, Counts("Start", expected.Start, actual.Start, expected.Sequences, tolerance));
        worst = Math.Max(
            worst, Counts("Transitions", expected.Transitions, actual.Transitions, expected.Rows, tolerance));
        worst = Math.Max(worst, Counts("Posterior", expected.Posterior, actual.Posterior, expected.Rows, tolerance));
        worst = Math.Max(worst, Counts("Counts", expected.Counts, actual.Counts, expected.Rows, tolerance));
        var d = expected.Features;
        var full = expected.Emission == HmmEmission.GaussianFull;
        for (var i = 0; i < expected.S1.Length; i++)
        {
            var scale = Math.Sqrt(expected.Posterior[i / d] * Diagonal(expected, i / d, i % d, full));
            worst = Math.Max(worst, Within($"S1[{i}]", expected.S1[i], actual.S1[i], scale, tolerance));
        }

        for (var i = 0; i < expected.S2.Length; i++)
        {
            var c = full ? i / (d * d) : i / d;
            var scale = full
                ? Math.Sqrt(Diagonal(expected, c, i % (d * d) / d, true) * Diagonal(expected, c, i % d, true))
                : Math.Abs(expected.S2[i]);
            worst = Math.Max(worst, Within($"S2[{i}]", expected.S2[i], actual.S2[i], scale, tolerance));
        }

        return worst;
    }

    /// <summary>Asserts every value of both statistics is bit-for-bit equal.</summary>
    public static void Identical(HmmStatistics first, HmmStatistics second)
    {
        Assert.Equal(Bits([first.LogLikelihood]), Bits([second.LogLikelihood]));
        Assert.Equal(Bits(first.Start), Bits(second.Start));
        Assert.Equal(Bits(first.Transitions), Bits(second.Transitions));
        Assert.Equal(Bits(first.Posterior), Bits(second.Posterior));
        Assert.Equal(Bits(first.S1), Bits(second.S1));
        Assert.Equal(Bits(first.S2), Bits(second.S2));
        Assert.Equal(Bits(first.Counts), Bits(second.Counts));
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static double Diagonal(HmmStatistics s, int state, int j, bool full) =>
        full ? s.S2[(state * s.Features * s.Features) + (j * s.Features) + j] : s.S2[(state * s.Features) + j];

    private static double Counts(string name, double[] expected, double[] actual, double total, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            // Relative to the entry, but never tighter than the same relative error on one observation in the set.
            var scale = Math.Max(Math.Abs(expected[i]), Math.Min(1.0, total));
            worst = Math.Max(worst, Within($"{name}[{i}]", expected[i], actual[i], scale, tolerance));
        }

        return worst;
    }

    private static double Within(string name, double expected, double actual, double scale, double tolerance)
    {
        var error = Math.Abs(expected - actual);
        if (!(error <= tolerance * scale) && !(expected == actual))
        {
            throw new XunitException(
                $"{name}: expected {expected:R}, got {actual:R} (|Δ| = {error:G3} > {tolerance:G3} × {scale:G3}).");
        }

        return scale > 0 ? error / scale : 0;
    }
}
