using System.Runtime.Intrinsics;
using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The CPU E-step of one partition. The first iteration streams the rows from the partition's
/// <see cref="IRowSource"/> in tiles and, when they fit the backend's resident budget, keeps the prepared tiles
/// (<see cref="ResidentTiles{T}"/>) for the iterations after it; otherwise every iteration streams. The
/// partition centre m_p is computed once, on first use.
/// Gaussian mixtures and HMMs (<see cref="CpuHmmEStep"/>) run the vectorised kernels; any other model family the
/// reference E-step, on the backend's compute threads.
/// </summary>
internal sealed class CpuPartitionEStep : IPartitionEStep
{
    private readonly CpuBackend _backend;
    private readonly DataPartition _partition;
    private readonly PartitionResidency _residency;
    private double[]? _centre;
    private IPartitionEStep? _reference;
    private CpuHmmEStep? _hmm;
    private CpuCandidateEStep? _candidates;

    /// <summary>Binds <paramref name="partition"/> to the threads of <paramref name="backend"/>.</summary>
    public CpuPartitionEStep(CpuBackend backend, DataPartition partition)
    {
        _backend = backend;
        _partition = partition;
        _residency = new PartitionResidency(backend.Residency, partition);
    }

    /// <inheritdoc />
    public string Device => _backend.Name;

    /// <summary>The partition's resident tile copy and its share of the budget (tests, diagnostics).</summary>
    internal PartitionResidency Residency => _residency;

    /// <inheritdoc />
    public SufficientStatistics Compute(
        ModelParameters parameters, EStepPrecision? precision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters is Candidates.CandidateSet set)
        {
            // Many models in one pass over the rows (model selection, restarts): see CpuCandidateEStep.
            _candidates ??= new CpuCandidateEStep(_backend, _partition, _residency);
            return _candidates.Compute(
                set, precision ?? _backend.Precision, () => Centre(cancellationToken),
                (member, p) => Compute(member, p, cancellationToken), cancellationToken);
        }

        var single = (precision ?? _backend.Precision) == EStepPrecision.Single;
        if (parameters is HmmParameters hmm && _partition.Labels is null)
        {
            _hmm ??= new CpuHmmEStep(_backend, _partition, _residency);
            return _hmm.Compute(hmm, single, () => Centre(cancellationToken), cancellationToken);
        }

        if (parameters is not GaussianMixtureParameters gmm || _partition.Labels is not null)
        {
            // No vectorised E-step for this family (or for partial labels): the float64 reference, on a compute
            // thread.
            _reference ??= new ReferenceBackend().Bind(_partition);
            var delegated = new SingleBlockJob(() => _reference.Compute(parameters, cancellationToken));
            _backend.Pool.Run(delegated, cancellationToken);
            return delegated.Result!;
        }

        if (_partition.Rows.Features != gmm.Features)
        {
            throw new InvalidInputException(
                $"{_partition.Rows.Name} has {_partition.Rows.Features} features but the model has {gmm.Features}.");
        }

        var centre = Centre(cancellationToken);
        var ct = cancellationToken;
        return _backend.KernelSet switch
        {
            CpuKernelSet.Vector512 when single => Run<Simd512Single, Vector512<float>, float>(gmm, centre, ct),
            CpuKernelSet.Vector512 => Run<Simd512Double, Vector512<double>, double>(gmm, centre, ct),
            CpuKernelSet.Vector256 when single => Run<Simd256Single, Vector256<float>, float>(gmm, centre, ct),
            CpuKernelSet.Vector256 => Run<Simd256Double, Vector256<double>, double>(gmm, centre, ct),
            _ when single => Run<ScalarSingle, float, float>(gmm, centre, ct),
            _ => Run<ScalarDouble, double, double>(gmm, centre, ct),
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Buffers belong to the backend's threads; per partition there is the centre and the resident copy.
        _residency.Dispose();
        _reference?.Dispose();
        _reference = null;
    }

    private GaussianMixtureStatistics Run<TOps, TVec, T>(
        GaussianMixtureParameters parameters, double[] centre, CancellationToken cancellationToken)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        var model = MixturePreparation.Prepare<TOps, TVec, T>(parameters, centre);
        var tiles = MixtureBlockJob<TOps, TVec, T>.Tiles(_partition.RowCount);
        var resident = _residency.For<T>(model.Layout, tiles, bySequence: false);
        var job = new MixtureBlockJob<TOps, TVec, T>(
            new TileSource<T>(_partition, centre, resident), model, _backend.Workspaces, cancellationToken);
        _backend.Pool.Run(job, cancellationToken);
        resident?.MarkComplete();
        return StatisticsAssembler.Assemble(job.Total, model, _partition.RowCount);
    }

    private double[] Centre(CancellationToken cancellationToken)
    {
        if (_centre is { } known)
        {
            return known;
        }

        var job = new CentreJob(_partition, _backend.Workspaces);
        _backend.Pool.Run(job, cancellationToken);
        _centre = job.Centre();
        return _centre;
    }
}
