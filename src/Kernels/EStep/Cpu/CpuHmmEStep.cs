using System.Runtime.Intrinsics;
using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The CPU HMM E-step of one partition: whole sequences across the backend's compute threads in fixed blocks
/// merged in a fixed order, emissions with the mixture's SIMD density kernels (element type by the step's
/// precision), the scaled forward-backward vectorised over states in float64. Produces the statistics
/// <see cref="ReferenceHmmEStep"/> does (shifted moments, start/transition counts, posteriors, log-likelihood,
/// rows, sequences), with its error messages. Gaussian emissions keep the partition's prepared tiles resident
/// (cut per sequence) when they fit the backend's budget; categorical symbols are read every iteration.
/// </summary>
internal sealed class CpuHmmEStep(CpuBackend backend, DataPartition partition, PartitionResidency residency)
{
    private HmmBlockPlan? _plan;

    /// <summary>
    /// Statistics of the partition under <paramref name="parameters"/>, emissions in float32 when
    /// <paramref name="single"/>; <paramref name="centre"/> gives the partition's column means (asked only for
    /// Gaussian emissions).
    /// </summary>
    public HmmStatistics Compute(HmmParameters parameters, bool single, Func<double[]> centre, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ReferenceHmmEStep.CheckData(partition, parameters);
        _plan ??= HmmBlockPlan.Create(HmmSequences.Lengths(partition));
        var m = parameters.Emission.IsGaussian() ? centre() : [];
        return backend.KernelSet switch
        {
            CpuKernelSet.Vector512 when single =>
                Run<Simd512Single, Vector512<float>, float, Simd512Double, Vector512<double>>(parameters, m, ct),
            CpuKernelSet.Vector512 =>
                Run<Simd512Double, Vector512<double>, double, Simd512Double, Vector512<double>>(parameters, m, ct),
            CpuKernelSet.Vector256 when single =>
                Run<Simd256Single, Vector256<float>, float, Simd256Double, Vector256<double>>(parameters, m, ct),
            CpuKernelSet.Vector256 =>
                Run<Simd256Double, Vector256<double>, double, Simd256Double, Vector256<double>>(parameters, m, ct),
            _ when single => Run<ScalarSingle, float, float, ScalarDouble, double>(parameters, m, ct),
            _ => Run<ScalarDouble, double, double, ScalarDouble, double>(parameters, m, ct),
        };
    }

    private HmmStatistics Run<TOps, TVec, T, DOps, DVec>(
        HmmParameters parameters, double[] centre, CancellationToken cancellationToken)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
        where DOps : struct, ISimd<DVec, double>
        where DVec : struct
    {
        var model = HmmPreparation.Prepare<TOps, TVec, T>(parameters, centre, DOps.Width);
        var resident = model.Mixture is { } mixture
            ? residency.For<T>(mixture.Layout, _plan!.TileCount, bySequence: true)
            : null;
        var job = new HmmBlockJob<TOps, TVec, T, DOps, DVec>(
            new TileSource<T>(partition, centre, resident), model, _plan!, backend.Workspaces, cancellationToken);
        backend.Pool.Run(job, cancellationToken);
        resident?.MarkComplete();
        return HmmStatisticsAssembler.Assemble(job.Total, model, partition.RowCount, partition.Rows.Name);
    }
}
