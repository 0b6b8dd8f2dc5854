using System.Runtime.Intrinsics;
using AiMass.Kernels.EStep.Cpu;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Cpu;

public sealed class FastLogTests
{
    private static readonly Random Seeded = new(11);

    /// <summary>Positive normal floats: the log-sum-exp's range [1, 2¹⁶] densely, then every binade.</summary>
    private static IEnumerable<float> FloatInputs()
    {
        for (var x = 1f; x < 65536f; x *= 1.0007f)
        {
            yield return x;
        }

        for (var e = -125; e < 127; e++)
        {
            for (var i = 0; i < 64; i++)
            {
                yield return MathF.ScaleB(1f + (float)Seeded.NextDouble(), e);
            }
        }

        yield return 1f;
        yield return 0.70710677f;
        yield return 0.70710683f;
        yield return MathF.BitDecrement(1f);
        yield return MathF.BitIncrement(1f);
    }

    private static IEnumerable<double> DoubleInputs()
    {
        for (var x = 1.0; x < 65536; x *= 1.0007)
        {
            yield return x;
        }

        for (var e = -1021; e < 1023; e += 3)
        {
            for (var i = 0; i < 8; i++)
            {
                yield return Math.ScaleB(1 + Seeded.NextDouble(), e);
            }
        }

        yield return 0.7071067811865475;
        yield return 0.7071067811865476;
        yield return Math.BitDecrement(1.0);
        yield return Math.BitIncrement(1.0);
    }

    [Fact]
    public void Float_log_is_within_2_ulp_of_the_float64_log_on_both_widths_and_they_agree_bit_for_bit()
    {
        var inputs = FloatInputs().ToArray();
        var worst = 0.0;
        for (var i = 0; i + 16 <= inputs.Length; i += 16)
        {
            var x = Vector512.Create(inputs.AsSpan(i, 16));
            var wide = FastLog.Log(x);
            var narrow = Vector512.Create(FastLog.Log(x.GetLower()), FastLog.Log(x.GetUpper()));
            Assert.Equal(wide.AsUInt32(), narrow.AsUInt32());
            for (var lane = 0; lane < 16; lane++)
            {
                var exact = Math.Log(x[lane]);
                var ulp = MathF.BitIncrement(MathF.Abs((float)exact)) - MathF.Abs((float)exact);
                worst = Math.Max(worst, Math.Abs(wide[lane] - exact) / ulp);
            }
        }

        Assert.InRange(worst, 0, 2);
        Assert.Equal(0f, FastLog.Log(Vector512<float>.One)[0]);
    }

    [Fact]
    public void Double_log_is_within_2_ulp_of_Math_Log_on_both_widths()
    {
        var inputs = DoubleInputs().ToArray();
        var worst = 0.0;
        for (var i = 0; i + 8 <= inputs.Length; i += 8)
        {
            var x = Vector512.Create(inputs.AsSpan(i, 8));
            var wide = FastDoubleMath.Log(x);
            var narrow = Vector512.Create(FastDoubleMath.Log(x.GetLower()), FastDoubleMath.Log(x.GetUpper()));
            Assert.Equal(wide.AsUInt64(), narrow.AsUInt64());
            for (var lane = 0; lane < 8; lane++)
            {
                var exact = Math.Log(x[lane]);
                worst = Math.Max(worst, Math.Abs(wide[lane] - exact) / UlpOf(exact));
            }
        }

        Assert.InRange(worst, 0, 2);
        Assert.Equal(0.0, FastDoubleMath.Log(Vector512<double>.One)[0]);
    }

    [Fact]
    public void Double_exp_is_within_2_ulp_of_Math_Exp_from_minus_708_to_709_on_both_widths()
    {
        var worst = 0.0;
        for (var start = -708.0; start + (7 * 0.0123) <= 709.0; start += 8 * 0.0123)
        {
            var x = Vector512.Create(start) + (Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7) * Vector512.Create(0.0123));
            var wide = FastDoubleMath.Exp(x);
            var narrow = Vector512.Create(FastDoubleMath.Exp(x.GetLower()), FastDoubleMath.Exp(x.GetUpper()));
            Assert.Equal(wide.AsUInt64(), narrow.AsUInt64());
            for (var lane = 0; lane < 8; lane++)
            {
                var exact = Math.Exp(x[lane]);
                worst = Math.Max(worst, Math.Abs(wide[lane] - exact) / UlpOf(exact));
            }
        }

        Assert.InRange(worst, 0, 2);
        Assert.Equal(1.0, FastDoubleMath.Exp(Vector512<double>.Zero)[0]);
    }

    private static double UlpOf(double value) => Math.BitIncrement(Math.Abs(value)) - Math.Abs(value);
}
