using AiMass.Kernels.EStep;
using AiMass.Kernels.Hmm;
using BenchmarkDotNet.Attributes;

namespace AiMass.Bench;

/// <summary>
/// One Baum-Welch E-step (and a whole iteration with the M-step) of an HMM on the cpu backend: the pomegranate
/// comparison size (100 sequences × 1,000 steps, S=16, D=8, Gaussian diag) and a full-covariance one.
/// </summary>
[MemoryDiagnoser]
public class HmmBenchmarks
{
    private IEStepBackend? _backend;
    private IPartitionEStep? _step;
    private HmmParameters? _initial;

    /// <summary>Gaussian covariance type (100 sequences × 1,000 steps, S=16, D=8).</summary>
    [Params("diag", "full")]
    public string Covariance { get; set; } = "diag";

    /// <summary>Arithmetic precision of the emissions and moments (the recursions are always float64).</summary>
    [Params(EStepPrecision.Single, EStepPrecision.Double)]
    public EStepPrecision Precision { get; set; }

    /// <summary>Builds data and binds the partition (not timed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var emission = HmmEmissions.Parse("gaussian", Covariance);
        var (partition, initial) = HmmBenchData.Create(emission, sequences: 100, length: 1000, states: 16, features: 8);
        _initial = initial;
        _backend = EStepBackends.Create("cpu", new EStepOptions(Precision));
        _step = _backend.Bind(partition);
        _step.Compute(_initial, CancellationToken.None);
    }

    /// <summary>Releases the compute threads.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _step?.Dispose();
        _backend?.Dispose();
    }

    /// <summary>The E-step: one forward-backward pass over every sequence.</summary>
    [Benchmark]
    public double EStep() => _step!.Compute(_initial!, CancellationToken.None).LogLikelihood;

    /// <summary>A Baum-Welch iteration: the E-step and the M-step from the initial model.</summary>
    [Benchmark]
    public int BaumWelchIteration()
    {
        var stats = (HmmStatistics)_step!.Compute(_initial!, CancellationToken.None);
        return new HmmMStep().Estimate(stats, _initial!).States;
    }
}
