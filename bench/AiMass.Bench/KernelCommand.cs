using System.Diagnostics;
using System.Runtime.Intrinsics;
using AiMass.Kernels.EStep.Cpu;

namespace AiMass.Bench;

/// <summary>
/// <c>kernels --features D</c>: single-thread rates of the two FMA kernels on one L1/L2-resident tile, next to
/// the single-thread FMA peak measured in between (so a busy machine affects both alike). Shows how close the
/// register-blocked kernels come to the FMA units, apart from the rest of the E-step.
/// </summary>
public static class KernelCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var d = args.Length >= 2 && args[0] == "--features" ? int.Parse(args[1]) : 32;
        const int tile = MixtureLayout.TileRows;
        var h = MixtureLayout.RoundUp(d, 8);
        var dp = MixtureLayout.RoundUp(d, 16);
        var random = new Random(3);
        float[] Fill(int length) => Enumerable.Range(0, length).Select(_ => (float)random.NextDouble()).ToArray();
        float[] columns = Fill(h * tile), u = Fill(d * h), offset = Fill(h), norms = new float[tile];
        float[] rows = Fill(tile * dp), centre = Fill(dp), s2Scaled = Fill(h * tile);
        var s2 = new double[dp * dp];
        var all = Enumerable.Range(0, tile).ToArray();
        for (var round = 0; round < 3; round++)
        {
            var density = Rate(() => TriangularNormKernel.Run<Simd512Single, Vector512<float>, float>(
                ref columns[0], ref u[0], ref offset[0], d, h, ref norms[0], false, ref norms[0]),
                tile * d * (d + 1) / 2.0 * 2);
            var moments = Rate(() => MomentKernels.SecondMoments<Simd512Single, Vector512<float>, float>(
                ref s2Scaled[0], ref rows[0], ref centre[0], d, dp, ref all[0], tile, ref s2[0]),
                tile * d * (d + 1) / 2.0 * 2);
            var r1 = Rate(() => OuterProduct8x1Kernel.Run<Simd512Single, Vector512<float>, float>(
                ref s2Scaled[0], ref rows[0], ref centre[0], ref all[0], tile, ref s2[0], dp, 8), tile * 8 * 16 * 2.0);
            var r2 = Rate(() => OuterProduct8x2Kernel.Run<Simd512Single, Vector512<float>, float>(
                ref s2Scaled[0], ref rows[0], ref centre[0], ref all[0], tile, ref s2[0], dp, 8), tile * 8 * 32 * 2.0);
            var r3 = dp >= 48 ? Rate(() => OuterProduct8x3Kernel.Run<Simd512Single, Vector512<float>, float>(
                ref s2Scaled[0], ref rows[0], ref centre[0], ref all[0], tile, ref s2[0], dp, 8),
                tile * 8 * 48 * 2.0) : 0;
            Console.WriteLine($"  outer products (all lanes): 8x1 {r1:F1}, 8x2 {r2:F1}, 8x3 {r3:F1} GFLOP/s");
            var peak = PeakFlops.Measure(1, 0.3);
            Console.WriteLine($"D={d}: triangular density {density:F1} GFLOP/s, second moments {moments:F1} GFLOP/s " +
                $"(useful triangle flops), 1-thread FMA peak {peak:F1} GFLOP/s");
        }

        return 0;
    }

    private static double Rate(Action kernel, double flops)
    {
        for (var i = 0; i < 200; i++)
        {
            kernel();
        }

        var watch = Stopwatch.StartNew();
        var calls = 0;
        while (watch.ElapsedMilliseconds < 300)
        {
            for (var i = 0; i < 100; i++)
            {
                kernel();
            }

            calls += 100;
        }

        return calls * flops / watch.Elapsed.TotalSeconds / 1e9;
    }
}
