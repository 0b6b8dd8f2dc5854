using System.Runtime.Intrinsics;
using AiMass.Kernels.EStep.Cpu;

namespace AiMass.Kernels.Tests.EStep.Cpu;

/// <summary>
/// The per-lane operations of the CPU kernels give the same bits on AVX2 and AVX-512 registers: fused
/// multiply-add (both fused), the float32 exp of the log-sum-exp, log, and the float64 exp. What the two widths do
/// differently is only how sums combine lanes (<see cref="CrossWidthBitsTests"/>).
/// </summary>
public sealed class LaneFunctionTests
{
    private const int Count = 4096;

    [KernelSetTheory]
    [InlineData("Vector256", "Vector512")]
    public void Float32_lane_functions_agree_bit_for_bit(string narrow, string wide)
    {
        Assert.Equal(("Vector256", "Vector512"), (narrow, wide));
        var random = new Random(61);
        float[] a = Draw(random, -90, 90), b = Draw(random, -3, 3), c = Draw(random, -50, 50);
        float[] positive = Draw(random, 1e-30f, 1e6f);
        for (var i = 0; i < Count; i += 16)
        {
            var (a8, a16) = Load(a, i);
            var (b8, b16) = Load(b, i);
            var (c8, c16) = Load(c, i);
            var (p8, p16) = Load(positive, i);
            Same(Simd256Single.MultiplyAdd(a8.Lower, b8.Lower, c8.Lower),
                Simd256Single.MultiplyAdd(a8.Upper, b8.Upper, c8.Upper), Simd512Single.MultiplyAdd(a16, b16, c16));
            Same(Simd256Single.Exp(a8.Lower), Simd256Single.Exp(a8.Upper), Simd512Single.Exp(a16));
            Same(Simd256Single.Log(p8.Lower), Simd256Single.Log(p8.Upper), Simd512Single.Log(p16));
        }
    }

    [KernelSetTheory]
    [InlineData("Vector256", "Vector512")]
    public void Float64_lane_functions_agree_bit_for_bit(string narrow, string wide)
    {
        Assert.Equal(("Vector256", "Vector512"), (narrow, wide));
        var random = new Random(62);
        for (var i = 0; i < Count; i++)
        {
            double[] x = [.. Enumerable.Range(0, 8).Select(_ => (random.NextDouble() * 1400) - 700)];
            double[] y = [.. Enumerable.Range(0, 8).Select(_ => Math.Exp((random.NextDouble() * 200) - 100))];
            var (x4a, x4b, x8) = (Vector256.Create(x[..4]), Vector256.Create(x[4..]), Vector512.Create(x));
            var (y4a, y4b, y8) = (Vector256.Create(y[..4]), Vector256.Create(y[4..]), Vector512.Create(y));
            Same(Simd256Double.Exp(x4a), Simd256Double.Exp(x4b), Simd512Double.Exp(x8));
            Same(Simd256Double.Log(y4a), Simd256Double.Log(y4b), Simd512Double.Log(y8));
            Same(Simd256Double.MultiplyAdd(x4a, y4a, x4b), Simd256Double.MultiplyAdd(x4b, y4b, x4a),
                Simd512Double.MultiplyAdd(x8, y8, Vector512.Create(x[4..].Concat(x[..4]).ToArray())));
        }
    }

    private static float[] Draw(Random random, float low, float high) =>
        [.. Enumerable.Range(0, Count).Select(_ => low + ((high - low) * random.NextSingle()))];

    private static ((Vector256<float> Lower, Vector256<float> Upper) Narrow, Vector512<float> Wide) Load(
        float[] values, int at) =>
        ((Vector256.Create(values.AsSpan(at, 8)), Vector256.Create(values.AsSpan(at + 8, 8))),
            Vector512.Create(values.AsSpan(at, 16)));

    private static void Same<T>(Vector256<T> lower, Vector256<T> upper, Vector512<T> wide)
        where T : unmanaged =>
        Assert.Equal(Vector512.Create(lower, upper).AsUInt64(), wide.AsUInt64());
}
