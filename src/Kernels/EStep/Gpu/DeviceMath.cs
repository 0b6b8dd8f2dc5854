using ILGPU;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// float64 exp and log for the HMM kernels, in plain arithmetic and bit operations. Why: ILGPU.Algorithms'
/// float64 <c>XMath.Exp</c>/<c>Log</c> compile to a CORDIC loop over arrays in local memory on PTX (slow, and
/// rejected by the no-local-memory compile test), and CUDA's libdevice needs a toolkit on the worker. Accuracy is
/// within 2 units in the last place of <see cref="Math.Exp(double)"/> and <see cref="Math.Log(double)"/> (tested),
/// far below what the E-step's float32 rows already contribute.
/// </summary>
internal static class DeviceMath
{
    private const double Ln2High = 0.693147180369123816490;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double InverseLn2 = 1.44269504088896338700;
    private const double Sqrt2 = 1.41421356237309504880;
    private const double SmallestNormal = 2.2250738585072014e-308;

    /// <summary>e^x: x = k ln 2 + r with |r| ≤ ½ ln 2 (ln 2 split in two so r is exact to ~1e−20), e^r by its
    /// Taylor series to r¹³ (truncation &lt; 1e−17), times 2^k built from the exponent bits (in two factors below
    /// 2^−1020 and above 2^1020, so subnormal and near-overflow results are right). 0 below −745.2, +∞ above 709.8.
    /// </summary>
    public static double Exp(double x)
    {
        if (!(x > -745.2))
        {
            return double.IsNaN(x) ? x : 0.0;
        }

        if (x > 709.78)
        {
            return double.PositiveInfinity;
        }

        var k = (int)Floor((x * InverseLn2) + 0.5);
        var r = (x - (k * Ln2High)) - (k * Ln2Low);
        var p = 1.0 / 6227020800.0;
        p = (p * r) + (1.0 / 479001600.0);
        p = (p * r) + (1.0 / 39916800.0);
        p = (p * r) + (1.0 / 3628800.0);
        p = (p * r) + (1.0 / 362880.0);
        p = (p * r) + (1.0 / 40320.0);
        p = (p * r) + (1.0 / 5040.0);
        p = (p * r) + (1.0 / 720.0);
        p = (p * r) + (1.0 / 120.0);
        p = (p * r) + (1.0 / 24.0);
        p = (p * r) + (1.0 / 6.0);
        p = (p * r) + 0.5;
        p = (p * r) + 1.0;
        p = (p * r) + 1.0;
        return k < -1020 ? p * PowerOfTwo(k + 60) * PowerOfTwo(-60)
            : k > 1020 ? p * PowerOfTwo(k - 60) * PowerOfTwo(60)
            : p * PowerOfTwo(k);
    }

    /// <summary>ln x: x = m·2^e with m in [√½, √2), ln m = 2 atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716, by its
    /// series to s²³ (truncation &lt; 1e−18); ln x = e ln 2 + ln m. −∞ at 0, NaN below 0.</summary>
    public static double Log(double x)
    {
        if (!(x > 0.0) || x == double.PositiveInfinity)
        {
            return x == 0.0 ? double.NegativeInfinity : double.IsNaN(x) || x < 0.0 ? double.NaN : x;
        }

        var exponent = 0;
        if (x < SmallestNormal)
        {
            x *= 18014398509481984.0; // 2^54: subnormals become normal.
            exponent = -54;
        }

        var bits = Interop.FloatAsInt(x);
        exponent += (int)((bits >> 52) & 0x7FF) - 1023;
        var m = Interop.IntAsFloat((bits & 0x000FFFFFFFFFFFFFUL) | 0x3FF0000000000000UL);
        if (m > Sqrt2)
        {
            m *= 0.5;
            exponent++;
        }

        var s = (m - 1.0) / (m + 1.0);
        var s2 = s * s;
        var p = 1.0 / 23.0;
        p = (p * s2) + (1.0 / 21.0);
        p = (p * s2) + (1.0 / 19.0);
        p = (p * s2) + (1.0 / 17.0);
        p = (p * s2) + (1.0 / 15.0);
        p = (p * s2) + (1.0 / 13.0);
        p = (p * s2) + (1.0 / 11.0);
        p = (p * s2) + (1.0 / 9.0);
        p = (p * s2) + (1.0 / 7.0);
        p = (p * s2) + (1.0 / 5.0);
        p = (p * s2) + (1.0 / 3.0);
        var logM = 2.0 * s * ((p * s2) + 1.0);
        return (exponent * Ln2High) + (logM + (exponent * Ln2Low));
    }

    /// <summary>⌊x⌋ for |x| &lt; 2³¹ (what the kernels need), by truncation and a correction.</summary>
    public static double Floor(double x)
    {
        var t = (double)(long)x;
        return t > x ? t - 1.0 : t;
    }

    /// <summary>2^n for −1022 ≤ n ≤ 1023, from the exponent bits.</summary>
    private static double PowerOfTwo(int n) => Interop.IntAsFloat((ulong)(n + 1023) << 52);
}
