using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AiMass.Bench;

/// <summary>
/// The fp32 FMA peak of this machine: 12 independent FMA chains per thread (enough to cover FMA latency × ports)
/// on Vector512 where accelerated, else Vector256, on one dedicated thread per logical processor.
/// </summary>
public static class PeakFlops
{
    private const int Chains = 12;

    /// <summary>Floating-point operations of <see cref="RunOnThreads"/> with these arguments.</summary>
    public static double Flops(int threads, long iterations) =>
        threads * iterations * Chains * (Vector512.IsHardwareAccelerated ? 16 : 8) * 2.0;

    /// <summary>Runs <paramref name="iterations"/> rounds of the FMA chains on each of
    /// <paramref name="threads"/> new threads and waits for them.</summary>
    public static void RunOnThreads(int threads, long iterations)
    {
        var workers = Enumerable.Range(0, threads)
            .Select(_ => new Thread(() => Sink = Run(iterations)) { IsBackground = true }).ToArray();
        foreach (var w in workers)
        {
            w.Start();
        }

        foreach (var w in workers)
        {
            w.Join();
        }
    }

    /// <summary>Measured GFLOP/s over about <paramref name="seconds"/> (2 flops per FMA lane).</summary>
    public static double Measure(int threads, double seconds = 1.0)
    {
        var iterations = 20_000_000L;
        double best = 0;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var watch = Stopwatch.StartNew();
            RunOnThreads(threads, iterations);
            var elapsed = watch.Elapsed.TotalSeconds;
            best = Math.Max(best, Flops(threads, iterations) / elapsed / 1e9);
            iterations = (long)(iterations * Math.Clamp(seconds / elapsed, 0.5, 8));
        }

        return best;
    }

    /// <summary>Keeps the JIT from removing the chains.</summary>
    public static float Sink { get; set; }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run(long iterations) =>
        Vector512.IsHardwareAccelerated ? Run512(iterations) : Run256(iterations);

    private static float Run512(long iterations)
    {
        var m = Vector512.Create(0.999999f);
        var a = Vector512.Create(1e-7f);
        Vector512<float> c0 = m, c1 = m, c2 = m, c3 = m, c4 = m, c5 = m;
        Vector512<float> c6 = m, c7 = m, c8 = m, c9 = m, c10 = m, c11 = m;
        for (var i = 0L; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, a); c1 = Vector512.FusedMultiplyAdd(c1, m, a);
            c2 = Vector512.FusedMultiplyAdd(c2, m, a); c3 = Vector512.FusedMultiplyAdd(c3, m, a);
            c4 = Vector512.FusedMultiplyAdd(c4, m, a); c5 = Vector512.FusedMultiplyAdd(c5, m, a);
            c6 = Vector512.FusedMultiplyAdd(c6, m, a); c7 = Vector512.FusedMultiplyAdd(c7, m, a);
            c8 = Vector512.FusedMultiplyAdd(c8, m, a); c9 = Vector512.FusedMultiplyAdd(c9, m, a);
            c10 = Vector512.FusedMultiplyAdd(c10, m, a); c11 = Vector512.FusedMultiplyAdd(c11, m, a);
        }

        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    private static float Run256(long iterations)
    {
        var m = Vector256.Create(0.999999f);
        var a = Vector256.Create(1e-7f);
        Vector256<float> c0 = m, c1 = m, c2 = m, c3 = m, c4 = m, c5 = m;
        Vector256<float> c6 = m, c7 = m, c8 = m, c9 = m, c10 = m, c11 = m;
        for (var i = 0L; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, m, a); c1 = Vector256.FusedMultiplyAdd(c1, m, a);
            c2 = Vector256.FusedMultiplyAdd(c2, m, a); c3 = Vector256.FusedMultiplyAdd(c3, m, a);
            c4 = Vector256.FusedMultiplyAdd(c4, m, a); c5 = Vector256.FusedMultiplyAdd(c5, m, a);
            c6 = Vector256.FusedMultiplyAdd(c6, m, a); c7 = Vector256.FusedMultiplyAdd(c7, m, a);
            c8 = Vector256.FusedMultiplyAdd(c8, m, a); c9 = Vector256.FusedMultiplyAdd(c9, m, a);
            c10 = Vector256.FusedMultiplyAdd(c10, m, a); c11 = Vector256.FusedMultiplyAdd(c11, m, a);
        }

        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }
}
