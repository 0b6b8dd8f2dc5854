using AiMass.Kernels.Mixture;
using ILGPU;
using ILGPU.Runtime;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// The Gaussian-mixture kernels of one accelerator, each compiled and loaded once (on first use, so a job that
/// only fits diagonal models never compiles the full kernel) and cached as launcher delegates.
/// </summary>
internal sealed class GaussianMixtureKernels
{
    private readonly Lazy<Action<KernelConfig, GaussianTileArguments>> _full;
    private readonly Lazy<Action<KernelConfig, GaussianTileArguments>> _tied;
    private readonly Lazy<Action<KernelConfig, GaussianTileArguments>> _diagonal;
    private readonly Lazy<Action<Index1D, ArrayView<double>, ArrayView<double>, int>> _sum;

    /// <summary>Prepares (but does not yet compile) the kernels of <paramref name="accelerator"/>.</summary>
    public GaussianMixtureKernels(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _full = new(() => accelerator.LoadStreamKernel<GaussianTileArguments>(
            GaussianTileKernels.AccumulateFullCovarianceKernel));
        _tied = new(() => accelerator.LoadStreamKernel<GaussianTileArguments>(
            GaussianTileKernels.AccumulateTiedCovarianceKernel));
        _diagonal = new(() => accelerator.LoadStreamKernel<GaussianTileArguments>(
            GaussianTileKernels.AccumulateDiagonalCovarianceKernel));
        _sum = new(() => accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, int>(
            GaussianTileKernels.SumBlockPartialsKernel));
    }

    /// <summary>Launches the tile kernel of <paramref name="type"/> with <paramref name="plan"/>'s grid.</summary>
    public void AccumulateTiles(CovarianceType type, TilePlan plan, GaussianTileArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var kernel = type switch
        {
            CovarianceType.Full => _full.Value,
            CovarianceType.Tied => _tied.Value,
            CovarianceType.Diag or CovarianceType.Spherical => _diagonal.Value,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
        var shared = SharedMemoryConfig.RequestDynamic<float>(plan.SharedFloats);
        kernel(new KernelConfig(plan.Groups, plan.GroupSize, shared), arguments);
    }

    /// <summary>Launches the block-ordered reduction of <paramref name="groups"/> partial slices into totals.</summary>
    public void SumBlockPartials(ArrayView<double> partials, ArrayView<double> totals, int groups) =>
        _sum.Value((int)totals.Length, partials, totals, groups);
}
