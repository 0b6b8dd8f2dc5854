using AiMass.Kernels.Data;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Mixture;
using BenchmarkDotNet.Attributes;

namespace AiMass.Bench;

/// <summary>One E-step iteration on the cpu backend at the sizes the issue targets.</summary>
[MemoryDiagnoser]
public class EStepBenchmarks
{
    private IEStepBackend? _backend;
    private IPartitionEStep? _step;
    private GaussianMixtureParameters? _parameters;

    /// <summary>Shape: covariance type, N, D, K.</summary>
    [Params("full 200000 16 16", "diag 200000 16 16", "full 1000000 32 32")]
    public string Shape { get; set; } = "full 200000 16 16";

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
