using AiMass.Kernels.EStep.Gpu;
using Xunit;

namespace AiMass.Kernels.Tests.EStep.Gpu;

/// <summary>The kernels' float64 exp and log against <see cref="Math"/>, in units in the last place.</summary>
public sealed class DeviceMathTests
{
    [Fact]
    public void Exp_is_within_two_ulps_from_the_smallest_subnormal_to_the_largest_double()
    {
        var random = new Random(1);
        var worst = 0.0;
        for (var i = 0; i < 200_000; i++)
        {
            var x = -745.0 + (1454.7 * random.NextDouble());
            worst = Math.Max(worst, Ulps(Math.Exp(x), DeviceMath.Exp(x)));
        }

        foreach (var x in (double[])[0, -1e-300, 1e-300, -0.5 * Math.Log(2), 0.5 * Math.Log(2), -708.4, 709.7])
        {
            worst = Math.Max(worst, Ulps(Math.Exp(x), DeviceMath.Exp(x)));
        }

        Assert.True(worst <= 2, $"worst error {worst} ulps");
    }

    [Fact]
    public void Exp_handles_the_ends_of_its_range()
    {
        Assert.Equal(0.0, DeviceMath.Exp(double.NegativeInfinity));
        Assert.Equal(0.0, DeviceMath.Exp(-800));
        Assert.Equal(double.PositiveInfinity, DeviceMath.Exp(710));
        Assert.True(double.IsNaN(DeviceMath.Exp(double.NaN)));
        Assert.Equal(1.0, DeviceMath.Exp(0));
    }

    [Fact]
    public void Log_is_within_two_ulps_over_normal_and_subnormal_numbers()
    {
        var random = new Random(2);
        var worst = 0.0;
        for (var i = 0; i < 200_000; i++)
        {
            var x = Math.Exp(-744.0 + (1453.0 * random.NextDouble())) * (1 + random.NextDouble());
            worst = Math.Max(worst, Ulps(Math.Log(x), DeviceMath.Log(x)));
        }

        foreach (var x in (double[])[1, 2, 0.5, Math.Sqrt(2), 1 + 1e-15, 1 - 1e-16, double.Epsilon, double.MaxValue])
        {
            worst = Math.Max(worst, Ulps(Math.Log(x), DeviceMath.Log(x)));
        }

        Assert.True(worst <= 2, $"worst error {worst} ulps");
    }

    [Fact]
    public void Log_handles_zero_negative_and_infinite_arguments()
    {
        Assert.Equal(double.NegativeInfinity, DeviceMath.Log(0));
        Assert.True(double.IsNaN(DeviceMath.Log(-1)));
        Assert.True(double.IsNaN(DeviceMath.Log(double.NaN)));
        Assert.Equal(double.PositiveInfinity, DeviceMath.Log(double.PositiveInfinity));
        Assert.Equal(0.0, DeviceMath.Log(1));
    }

    [Fact]
    public void Floor_rounds_down_on_both_sides_of_zero()
    {
        Assert.Equal([-2.0, -1.0, -1.0, 0.0, 0.0, 1.0, 3.0], ((double[])[-1.5, -1.0, -0.25, 0.0, 0.75, 1.0, 3.999])
            .Select(DeviceMath.Floor).ToArray());
    }

    /// <summary>|expected − actual| in units of the last place of expected (exact matches count 0).</summary>
    private static double Ulps(double expected, double actual)
    {
        if (expected == actual)
        {
            return 0;
        }

        var ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
        return Math.Abs(expected - actual) / ulp;
    }
}
