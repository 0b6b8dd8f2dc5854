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
}
