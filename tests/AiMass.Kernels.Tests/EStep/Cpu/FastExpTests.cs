using System.Runtime.Intrinsics;
using AiMass.Kernels.EStep.Cpu;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Cpu;

public sealed class FastExpTests
{
    [Fact]
    public void Float_exp_is_within_3e_7_relative_of_the_float64_exp_from_minus_87_to_88()
    {
        var worst512 = 0.0;
        var worst256 = 0.0;
        for (var start = -87.0f; start < 88.0f; start += 16 * 0.0137f)
        {
            var x = Vector512.Create(start) + (Vector512.Create(0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
                * Vector512.Create(0.0137f));
            var wide = FastExp.Exp(x);
            var narrow = FastExp.Exp(x.GetLower());
            for (var i = 0; i < 16; i++)
            {
                var exact = Math.Exp(x[i]);
                worst512 = Math.Max(worst512, Math.Abs(wide[i] - exact) / exact);
                if (i < 8)
                {
                    worst256 = Math.Max(worst256, Math.Abs(narrow[i] - exact) / exact);
                }
            }
        }

        Assert.InRange(worst512, 0, 3e-7);
        Assert.InRange(worst256, 0, 3e-7);
    }

    [Fact]
    public void Float_exp_rounds_n_as_Round_does_and_both_widths_agree_bit_for_bit()
    {
        // Halfway cases of x·log₂e are where a rounding other than ties-to-even would pick another n.
        var inputs = new List<float>();
        for (var n = -125; n <= 127; n++)
        {
            var x = (n + 0.5f) / 1.44269504088896341f;
            inputs.AddRange([MathF.BitDecrement(x), x, MathF.BitIncrement(x)]);
        }

        while (inputs.Count % 16 != 0)
        {
            inputs.Add(0f);
        }

        for (var i = 0; i < inputs.Count; i += 16)
        {
            var x = Vector512.Create(inputs.ToArray().AsSpan(i, 16));
            var wide = FastExp.Exp(x);
            var narrow = Vector512.Create(FastExp.Exp(x.GetLower()), FastExp.Exp(x.GetUpper()));
            Assert.Equal(wide.AsUInt32(), narrow.AsUInt32());
            for (var lane = 0; lane < 16; lane++)
            {
                var exact = Math.Exp(x[lane]);
                if (x[lane] < 88f)
                {
                    Assert.InRange(Math.Abs(wide[lane] - exact) / exact, 0, 3e-7);
                }
            }
        }
    }
}
