using AiMass.Kernels.Data;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The fast CPU E-step ("cpu"): tiled over rows and fused (densities through the precision Cholesky as small
/// triangular GEMMs, log-sum-exp, statistics as SYRK-like updates) so no N×K matrix is stored; vectorised with
/// AVX-512, AVX2+FMA or scalar code; run on its own fixed set of threads. Blocks of rows are reduced in float64
/// and merged in block order, so results are bit-identical for any thread count. HMMs run
/// <see cref="CpuHmmEStep"/> on the same threads. A partition's prepared tiles (centred, rounded, in both
/// layouts) are kept from the first iteration on while they fit the backend's resident budget
/// (<see cref="EStepOptions.ResidentBytes"/>), so later iterations skip reading and preparing them; partitions
/// beyond the budget stream their rows every iteration. Both give bit-identical statistics.
/// </summary>
/// <remarks>
/// Each E-step runs in the precision it names (<see cref="IPartitionEStep.Compute(Em.ModelParameters,
/// EStepPrecision?, CancellationToken)"/>). Single precision: float32 per row, float64 across tiles;
/// responsibilities below e^−50 of a row's largest are zeroed (below float32 resolution; it keeps subnormals out
/// of the FMAs) and rows with zero responsibility are skipped in that component's moments. Double precision keeps
/// everything above e^−600.
/// </remarks>
public sealed class CpuBackend : IEStepBackend
{
    /// <summary>Creates a backend with <paramref name="options"/> (default: single precision, all processors).
    /// </summary>
    public CpuBackend(EStepOptions? options = null)
        : this(options ?? EStepOptions.Default, (options ?? EStepOptions.Default).KernelSet)
    {
    }

    /// <summary>Creates a backend pinned to one kernel set (tests exercise every vector width).</summary>
    internal CpuBackend(EStepOptions options, CpuKernelSet kernelSet)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ResidentBytes < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), $"ResidentBytes is {options.ResidentBytes}; use 0 (no resident copies) or more.");
        }

        Precision = options.Precision;
        KernelSet = CpuKernelSets.Resolve(kernelSet);
        Threads = options.EffectiveThreads;
        Pool = new CpuWorkerPool(Threads);
        Workspaces = new WorkspaceCache(Threads);
        Residency = new ResidentBudget(options.EffectiveResidentBytes);
    }

    /// <inheritdoc />
    public string Name => $"cpu ({CpuKernelSets.Name(KernelSet)}, {Threads} threads)";

    /// <summary>Arithmetic precision of E-steps that name none (each EM step names its own).</summary>
    public EStepPrecision Precision { get; }

    /// <summary>Number of compute threads this backend owns.</summary>
    public int Threads { get; }

    /// <summary>The vector implementation in use.</summary>
    internal CpuKernelSet KernelSet { get; }

    /// <summary>The dedicated compute threads.</summary>
    internal CpuWorkerPool Pool { get; }

    /// <summary>Per-thread buffers, reused across partitions and iterations.</summary>
    internal WorkspaceCache Workspaces { get; }

    /// <summary>The memory all partitions' resident tile copies share (<see cref="EStepOptions.ResidentBytes"/>).
    /// </summary>
    internal ResidentBudget Residency { get; }

    /// <inheritdoc />
    public IPartitionEStep Bind(DataPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return new CpuPartitionEStep(this, partition);
    }

    /// <summary>Stops the compute threads (after any queued work).</summary>
    public void Dispose() => Pool.Dispose();
}
