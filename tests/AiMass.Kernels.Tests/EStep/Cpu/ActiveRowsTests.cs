using System.Runtime.Intrinsics;
using AiMass.Kernels.EStep.Cpu;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Cpu;

public sealed class ActiveRowsTests
{
    [Theory]
    [InlineData(0.0, 192)]
    [InlineData(0.1, 192)]
    [InlineData(0.5, 187)]
    [InlineData(1.0, 192)]
    [InlineData(0.3, 5)]
    public void Every_kernel_set_lists_the_non_zero_rows_in_increasing_order(double density, int n)
    {
        var random = new Random(5);
        var rho = new float[MixtureLayout.TileRows];
        for (var t = 0; t < n; t++)
        {
            rho[t] = random.NextDouble() < density ? (float)random.NextDouble() + 1e-30f : 0f;
        }

        var expected = Enumerable.Range(0, n).Where(t => rho[t] != 0).ToArray();
        Assert.Equal(expected, List<Simd512Single, Vector512<float>>(rho, n));
        Assert.Equal(expected, List<Simd256Single, Vector256<float>>(rho, n));
        Assert.Equal(expected, List<ScalarSingle, float>(rho, n));
    }

    private static int[] List<TOps, TVec>(float[] rho, int n)
        where TOps : struct, ISimd<TVec, float>
        where TVec : struct
    {
        var active = new int[MixtureLayout.TileRows + MomentKernels.ActiveSpare];
        Array.Fill(active, -1);
        var count = MomentKernels.ActiveRows<TOps, TVec, float>(ref rho[0], n, ref active[0]);
        return active[..count];
    }
}
