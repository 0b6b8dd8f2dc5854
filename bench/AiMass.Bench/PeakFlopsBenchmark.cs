using BenchmarkDotNet.Attributes;

namespace AiMass.Bench;

/// <summary>The fp32 FMA peak on all cores, to put the E-step's GFLOP/s in proportion.</summary>
public class PeakFlopsBenchmark
{
    /// <summary>GFLOP/s of independent FMA chains on every logical processor (returned, so it shows in the table
    /// only as a value; the time of one call is what BenchmarkDotNet reports).</summary>
    [Benchmark]
    public double AllCores() => PeakFlops.Measure(Environment.ProcessorCount, seconds: 0.2);
}
