using AiMass.Kernels.Mixture;
using Xunit;
using Xunit.Sdk;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>
/// Compares shifted mixture statistics entry by entry, each relative to its natural scale (an exact zero would
/// make a plain relative error meaningless): N_k to N_k; S1_kj to √(N_k·S2_kjj) and S2_kab to √(S2_kaa·S2_kbb),
/// the Cauchy–Schwarz bounds of those entries; the log-likelihood to |LL| + Σw (a per-row absolute error).
/// </summary>
internal static class StatisticsAssert
{
    public static void Close(GaussianMixtureStatistics expected, GaussianMixtureStatistics actual, double tolerance)
    {
        Assert.Equal(expected.CovarianceType, actual.CovarianceType);
        Assert.Equal(expected.Rows, actual.Rows);
        Within("Weight", expected.Weight, actual.Weight, 1e-12 * expected.Weight);
        Within("LogLikelihood", expected.LogLikelihood, actual.LogLikelihood,
            tolerance * (Math.Abs(expected.LogLikelihood) + expected.Weight));
        int k = expected.Components, d = expected.Features;
        for (var c = 0; c < k; c++)
        {
            Within($"N[{c}]", expected.N[c], actual.N[c], tolerance * expected.N[c]);
            for (var j = 0; j < d; j++)
            {
                var scale = Math.Sqrt(expected.N[c] * Variance(expected, c, j));
                Within($"S1[{c},{j}]", expected.S1[(c * d) + j], actual.S1[(c * d) + j], tolerance * scale);
            }
        }

        for (var i = 0; i < expected.S2.Length; i++)
        {
            Within($"S2[{i}]", expected.S2[i], actual.S2[i], tolerance * SecondMomentScale(expected, i));
        }
    }

    /// <summary>Asserts every value of both statistics is bit-for-bit equal.</summary>
    public static void Identical(GaussianMixtureStatistics first, GaussianMixtureStatistics second)
    {
        Assert.Equal(Bits([first.LogLikelihood]), Bits([second.LogLikelihood]));
        Assert.Equal(Bits(first.N), Bits(second.N));
        Assert.Equal(Bits(first.S1), Bits(second.S1));
        Assert.Equal(Bits(first.S2), Bits(second.S2));
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    /// <summary>Σ ρ (x_j − c_kj)² of component c, or the w-weighted total for tied (an upper bound).</summary>
    private static double Variance(GaussianMixtureStatistics s, int c, int j)
    {
        int d = s.Features;
        return s.CovarianceType switch
        {
            CovarianceType.Full => s.S2[(c * d * d) + (j * d) + j],
            CovarianceType.Tied => s.S2[(j * d) + j],
            _ => s.S2[(c * d) + j],
        };
    }

    private static double SecondMomentScale(GaussianMixtureStatistics s, int index)
    {
        int d = s.Features;
        if (s.CovarianceType is CovarianceType.Diag or CovarianceType.Spherical)
        {
            return Math.Abs(s.S2[index]);
        }

        int block = index / (d * d) * d * d, a = index % (d * d) / d, b = index % d;
        return Math.Sqrt(s.S2[block + (a * d) + a] * s.S2[block + (b * d) + b]);
    }

    private static void Within(string name, double expected, double actual, double tolerance)
    {
        if (!(Math.Abs(expected - actual) <= tolerance))
        {
            throw new XunitException(
                $"{name}: expected {expected:R}, got {actual:R} " +
                $"(|Δ| = {Math.Abs(expected - actual):G3} > {tolerance:G3}).");
        }
    }
}
