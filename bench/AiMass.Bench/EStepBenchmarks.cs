using AiMass.Kernels.Data;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using BenchmarkDotNet.Attributes;

namespace AiMass.Bench;

/// <summary>One E-step iteration on the cpu backend; the shapes come from the derived classes.</summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public abstract class EStepBenchmarkBase
{
    private IEStepBackend? _backend;
    private IPartitionEStep? _step;
    private GaussianMixtureParameters? _parameters;

    /// <summary>Shape: "covariance N D K".</summary>
    public abstract string Shape { get; set; }

    /// <summary>Arithmetic precision.</summary>
    [Params(EStepPrecision.Single)]
    public EStepPrecision Precision { get; set; }

    /// <summary>Builds data and binds the partition (not timed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split(' ');
        var type = CovarianceTypes.Parse(parts[0]);
        int n = int.Parse(parts[1]), d = int.Parse(parts[2]), k = int.Parse(parts[3]);
        var rows = BenchData.Rows(n, d, k);
        _parameters = BenchData.Parameters(type, rows, d, k);
        _backend = EStepBackends.Create("cpu", new EStepOptions(Precision));
        _step = _backend.Bind(new DataPartition(0, new ArrayRowSource(rows, d)));
        _step.Compute(_parameters, CancellationToken.None);
    }

    /// <summary>Releases the compute threads.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _step?.Dispose();
        _backend?.Dispose();
    }

    /// <summary>One iteration's statistics.</summary>
    [Benchmark]
    public double EStep() => _step!.Compute(_parameters!, CancellationToken.None).LogLikelihood;
}

/// <summary>The scikit-learn comparison sizes: N=200k, D=16, K=16, full and diag.</summary>
public class EStepBenchmarks : EStepBenchmarkBase
{
    /// <inheritdoc />
    [Params("full 200000 16 16", "diag 200000 16 16")]
    public override string Shape { get; set; } = "full 200000 16 16";
}

/// <summary>The compute-bound size for the % of peak target: N=1e6, D=32, K=32, full (fewer iterations).</summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class LargeEStepBenchmarks : EStepBenchmarkBase
{
    /// <inheritdoc />
    [Params("full 1000000 32 32")]
    public override string Shape { get; set; } = "full 1000000 32 32";
}
