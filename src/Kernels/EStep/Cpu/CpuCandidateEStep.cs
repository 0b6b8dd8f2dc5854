using System.Runtime.Intrinsics;
using AiMass.Kernels.Candidates;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The CPU E-step of a <see cref="CandidateSet"/> over one partition: every Gaussian-mixture member in one fused
/// pass (<see cref="CandidateBlockJob{TOps,TVec,T}"/>: each tile read once for all of them, the same resident copy
/// as a single model's pass), any other member (HMMs, partial labels) by the partition's single-model E-step.
/// </summary>
internal sealed class CpuCandidateEStep(CpuBackend backend, DataPartition partition, PartitionResidency residency)
{
    /// <summary>The set's statistics, each member in its own arithmetic (<see cref="CandidateSet.PrecisionOf"/> of
    /// <paramref name="step"/>): the Gaussian mixtures of one precision in one fused pass; <paramref name="single"/>
    /// computes a member the fused pass does not take.</summary>
    public CandidateSetStatistics Compute(
        CandidateSet set, EStepPrecision step, Func<double[]> centre,
        Func<ModelParameters, EStepPrecision, SufficientStatistics> single, CancellationToken cancellationToken)
    {
        var members = new SufficientStatistics[set.Members.Count];
        var classification = new double[members.Length];
        foreach (var precision in new[] { EStepPrecision.Single, EStepPrecision.Double })
        {
            var fused = Enumerable.Range(0, members.Length)
                .Where(m => set.Members[m] is GaussianMixtureParameters && partition.Labels is null
                    && (set.PrecisionOf(m, step) ?? step) == precision)
                .ToArray();
            if (fused.Length == 0)
            {
                continue;
            }

            var models = fused.Select(m => (GaussianMixtureParameters)set.Members[m]).ToArray();
            CheckFeatures(models);
            var classify = fused.Select(m => set.Classify[m]).ToArray();
            var (statistics, terms) = Run(models, classify, precision, centre(), cancellationToken);
            for (var i = 0; i < fused.Length; i++)
            {
                (members[fused[i]], classification[fused[i]]) = (statistics[i], terms[i]);
            }
        }

        for (var m = 0; m < members.Length; m++)
        {
            if (members[m] is null)
            {
                members[m] = single(set.Members[m], set.PrecisionOf(m, step) ?? step);
                classification[m] = CandidateSetEStep.Classification(set, m, partition, cancellationToken);
            }
        }

        return CandidateSetEStep.Assemble(members, classification, partition);
    }

    private (SufficientStatistics[] Statistics, double[] Classification) Run(
        GaussianMixtureParameters[] models, bool[] classify, EStepPrecision precision, double[] centre,
        CancellationToken ct)
    {
        var single = precision == EStepPrecision.Single;
        return backend.KernelSet switch
        {
            CpuKernelSet.Vector512 when single =>
                Run<Simd512Single, Vector512<float>, float>(models, classify, centre, ct),
            CpuKernelSet.Vector512 => Run<Simd512Double, Vector512<double>, double>(models, classify, centre, ct),
            CpuKernelSet.Vector256 when single =>
                Run<Simd256Single, Vector256<float>, float>(models, classify, centre, ct),
            CpuKernelSet.Vector256 => Run<Simd256Double, Vector256<double>, double>(models, classify, centre, ct),
            _ when single => Run<ScalarSingle, float, float>(models, classify, centre, ct),
            _ => Run<ScalarDouble, double, double>(models, classify, centre, ct),
        };
    }

    private (SufficientStatistics[], double[]) Run<TOps, TVec, T>(
        GaussianMixtureParameters[] models, bool[] classify, double[] centre, CancellationToken cancellationToken)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        var prepared = models.Select(m => MixturePreparation.Prepare<TOps, TVec, T>(m, centre)).ToArray();
        // The tile format depends on D and the register width only, so every member shares the partition's copy.
        var tileShape = new MixtureLayout(CovarianceType.Diag, 1, models[0].Features, TOps.Width);
        var resident = residency.For<T>(
            tileShape, MixtureBlockJob<TOps, TVec, T>.Tiles(partition.RowCount), bySequence: false);
        var job = new CandidateBlockJob<TOps, TVec, T>(
            new TileSource<T>(partition, centre, resident), prepared, classify, tileShape, backend.Workspaces,
            cancellationToken);
        backend.Pool.Run(job, cancellationToken);
        resident?.MarkComplete();
        var statistics = new SufficientStatistics[models.Length];
        for (var m = 0; m < models.Length; m++)
        {
            statistics[m] = StatisticsAssembler.Assemble(job.Totals[m], prepared[m], partition.RowCount);
        }

        return (statistics, job.Classification);
    }

    private void CheckFeatures(GaussianMixtureParameters[] models)
    {
        foreach (var model in models)
        {
            if (model.Features != partition.Rows.Features)
            {
                throw new InvalidInputException(
                    $"{partition.Rows.Name} has {partition.Rows.Features} features but the model has " +
                    $"{model.Features}.");
            }
        }
    }
}
