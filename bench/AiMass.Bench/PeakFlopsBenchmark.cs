using BenchmarkDotNet.Attributes;

namespace AiMass.Bench;

/// <summary>The fp32 FMA peak on all cores (a fixed amount of FMA work), to put the E-step's GFLOP/s in
/// proportion; the GFLOP/s column turns its time into the peak rate.</summary>
[Config(typeof(BenchConfig))]
public class PeakFlopsBenchmark
{
    /// <summary>FMA rounds per thread.</summary>
    public const long Iterations = 20_000_000;

    /// <summary>Independent FMA chains on every logical processor.</summary>
    [Benchmark]
    public void AllCores() => PeakFlops.RunOnThreads(Environment.ProcessorCount, Iterations);
}
