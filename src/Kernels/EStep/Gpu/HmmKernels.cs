using AiMass.Kernels.Hmm;
using ILGPU;
using ILGPU.Runtime;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// The HMM kernels of one accelerator, each compiled and loaded once (on first use, so a job that fits one
/// emission kind compiles only its kernels) and cached as launcher delegates.
/// </summary>
internal sealed class HmmKernels
{
    private readonly Lazy<Action<KernelConfig, HmmTileArguments>> _diagonalEmissions;
    private readonly Lazy<Action<KernelConfig, HmmTileArguments>> _fullEmissions;
    private readonly Lazy<Action<KernelConfig, HmmTileArguments>> _categoricalEmissions;
    private readonly Lazy<Action<KernelConfig, HmmRecursionArguments>> _forwardBackward;
    private readonly Lazy<Action<KernelConfig, HmmTileArguments>> _diagonalStatistics;
    private readonly Lazy<Action<KernelConfig, HmmTileArguments>> _fullStatistics;
    private readonly Lazy<Action<KernelConfig, HmmTileArguments>> _categoricalStatistics;

    /// <summary>Prepares (but does not yet compile) the kernels of <paramref name="accelerator"/>.</summary>
    public HmmKernels(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _diagonalEmissions = Tile(accelerator, HmmEmissionKernels.ComputeDiagonalEmissionsKernel);
        _fullEmissions = Tile(accelerator, HmmEmissionKernels.ComputeFullEmissionsKernel);
        _categoricalEmissions = Tile(accelerator, HmmEmissionKernels.ComputeCategoricalEmissionsKernel);
        _forwardBackward = new(() => accelerator.LoadStreamKernel<HmmRecursionArguments>(
            ForwardBackwardKernels.ForwardBackwardKernel));
        _diagonalStatistics = Tile(accelerator, HmmStatisticsKernels.AccumulateDiagonalStatisticsKernel);
        _fullStatistics = Tile(accelerator, HmmStatisticsKernels.AccumulateFullStatisticsKernel);
        _categoricalStatistics = Tile(accelerator, HmmStatisticsKernels.AccumulateCategoricalStatisticsKernel);
    }

    /// <summary>Launches the emission kernel of <paramref name="emission"/> over <paramref name="groups"/> groups.
    /// </summary>
    public void ComputeEmissions(HmmEmission emission, HmmPlan plan, int groups, HmmTileArguments arguments)
    {
        var kernel = emission switch
        {
            HmmEmission.GaussianFull => _fullEmissions.Value,
            HmmEmission.GaussianDiag => _diagonalEmissions.Value,
            _ => _categoricalEmissions.Value,
        };
        kernel(TileConfig(plan, groups), arguments);
    }

    /// <summary>Launches the forward-backward kernel, one group per sequence of the batch.</summary>
    public void ForwardBackward(HmmPlan plan, HmmRecursionArguments arguments)
    {
        var groups = Math.Min(arguments.Sequences, HmmPlan.MaxRecursionGroups);
        var shared = SharedMemoryConfig.RequestDynamic<double>(plan.RecursionSharedDoubles);
        _forwardBackward.Value(new KernelConfig(groups, plan.RecursionGroupSize, shared), arguments);
    }

    /// <summary>Launches the statistics kernel of <paramref name="emission"/> on the plan's fixed grid.</summary>
    public void AccumulateStatistics(HmmEmission emission, HmmPlan plan, HmmTileArguments arguments)
    {
        var kernel = emission switch
        {
            HmmEmission.GaussianFull => _fullStatistics.Value,
            HmmEmission.GaussianDiag => _diagonalStatistics.Value,
            _ => _categoricalStatistics.Value,
        };
        kernel(TileConfig(plan, plan.StatisticsGroups), arguments);
    }

    private static KernelConfig TileConfig(HmmPlan plan, int groups) => new(
        groups, plan.TileGroupSize, SharedMemoryConfig.RequestDynamic<double>(plan.TileSharedDoubles));

    private static Lazy<Action<KernelConfig, HmmTileArguments>> Tile(
        Accelerator accelerator, Action<HmmTileArguments> kernel) =>
        new(() => accelerator.LoadStreamKernel(kernel));
}
