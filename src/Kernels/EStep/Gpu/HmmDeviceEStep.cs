using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;
using ILGPU;
using ILGPU.Runtime;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// The HMM E-step of one partition on one accelerator. Its rows are the partition's <see cref="DeviceRows"/>
/// (centred float32, cut at sequence boundaries, uploaded once at bind); the sequence offsets and step flags are
/// uploaded on the first HMM call. Each call uploads the parameters and, per batch of whole sequences that fits
/// the backend's <see cref="HmmWorkspace"/>, runs three kernels — emissions (data-parallel over steps × states),
/// forward-backward (one group per sequence), statistics (data-parallel over steps, into per-group partials) —
/// then one group-ordered reduction, and downloads the totals: the reference's <see cref="HmmStatistics"/>.
/// </summary>
/// <remarks>
/// Limits. Time: the recursion is sequential in time, so a batch takes as long as its longest sequence (two
/// passes of two barriers per step) and keeps only as many groups busy as it has sequences: thousands of
/// sequences fill a device (an H200 holds ~4000 one-warp groups), a few long ones leave it mostly idle (that
/// would need a parallel-in-time scan over S×S transfer matrices; not implemented). States spread over ⌈S/32⌉
/// warps, so for S &lt; 32 part of each warp idles (packing several sequences per warp would help; not done).
/// Memory: the resident rows (4(D + 1) bytes per row, shared with the mixture path) plus one byte of step flags
/// per row, and the shared workspace of (2S + 2)·8 bytes per row of the largest batch — O(T·S) per sequence.
/// A partition without lengths is one sequence; one longer than a device chunk runs on the CPU path.
/// </remarks>
internal sealed class HmmDeviceEStep : IDisposable
{
    private readonly IlgpuBackend _backend;
    private readonly DataPartition _partition;
    private readonly DeviceRows _rows;
    private readonly IlgpuOptions _options;
    private readonly HmmSequenceLayout _layout;
    private readonly long _sequences;
    private CategoricalSymbolIndex? _symbols;
    private Buffers? _buffers;

    /// <summary>Checks the partition's lengths (as the reference does) and uploads its sequence layout.</summary>
    public HmmDeviceEStep(IlgpuBackend backend, DataPartition partition, DeviceRows rows, IlgpuOptions options)
    {
        _backend = backend;
        _partition = partition;
        _rows = rows;
        _options = options;
        var lengths = HmmSequences.Lengths(partition);
        _sequences = lengths.Length;
        _layout = new HmmSequenceLayout(backend.Accelerator, rows.ChunkRanges, lengths);
        backend.ReserveResident(_layout.Bytes);
    }

    /// <summary>The plan of the last call (tests, diagnostics).</summary>
    public HmmPlan? Plan => _buffers?.Plan;

    /// <summary>Statistics of the partition under <paramref name="parameters"/>.</summary>
    public HmmStatistics Compute(HmmParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ReferenceHmmEStep.CheckData(_partition, parameters);
        var name = _partition.Rows.Name;
        var origin = HmmSequences.Origin(_partition.Rows);
        if (parameters.Emission == HmmEmission.Categorical)
        {
            _symbols ??= CategoricalSymbolIndex.Build(_partition, _rows.Mean[0], cancellationToken);
            _symbols.Check(parameters.Symbols, name, origin);
        }

        var buffers = PrepareBuffers(parameters);
        var stream = _backend.Accelerator.DefaultStream;
        buffers.Parameters.Upload(parameters, _rows.Mean, stream);
        buffers.Partials.MemSetToZero(stream);
        var work = _backend.HmmWorkspace.Views(buffers.Plan.WorkspaceRows, parameters.States);
        _rows.ForEachChunk(cancellationToken, (index, x, _, _) =>
            RunChunk(buffers, work, _layout[index], x, cancellationToken));
        _backend.Kernels.SumBlockPartials(buffers.Partials.View, buffers.Totals.View, buffers.Plan.StatisticsGroups);
        var totals = new double[buffers.Plan.Shape.PartialLength];
        buffers.Totals.View.CopyToCPU(stream, totals);
        stream.Synchronize();
        var statistics = HmmDeviceStatistics.Assemble(
            parameters, buffers.Plan.Shape, totals, _partition.RowCount, _sequences);
        if (!double.IsFinite(statistics.LogLikelihood) && _layout.FirstImpossible(stream) is { } impossible)
        {
            throw ReferenceHmmEStep.Impossible(
                impossible.Sequence, origin + impossible.FirstRow, impossible.Length, name);
        }

        if (!double.IsFinite(statistics.Posterior.Sum() + statistics.Transitions.Sum() + statistics.LogLikelihood))
        {
            throw new InvalidOperationException(
                $"Forward-backward broke down numerically on {name}; the posteriors are not finite.");
        }

        return statistics;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _buffers?.Dispose();
        _buffers = null;
        _backend.ReserveResident(-_layout.Bytes);
        _layout.Dispose();
    }

    /// <summary>Emissions, forward-backward and statistics for each batch of the chunk.</summary>
    private void RunChunk(
        Buffers buffers, HmmWorkspaceViews work, ChunkSequences chunk, ArrayView<float> rows,
        CancellationToken cancellationToken)
    {
        var plan = buffers.Plan;
        var kernels = _backend.HmmKernels;
        var model = buffers.Parameters.Views;
        var d = _rows.Features;
        foreach (var batch in chunk.Batches(plan.WorkspaceRows))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tile = new HmmTileArguments(
                rows.SubView((long)batch.FirstRow * d, (long)batch.Rows * d),
                chunk.DeviceFlags.View.SubView(batch.FirstRow, batch.Rows), plan.Shape, model, work,
                buffers.Partials.View, batch.Rows, _rows.Mean[0]);
            kernels.ComputeEmissions(plan.Emission, plan, plan.EmissionGroupsFor(batch.Rows), tile);
            kernels.ForwardBackward(plan, new HmmRecursionArguments(
                chunk.DeviceOffsets.View.SubView(batch.FirstSequence, batch.Sequences + 1), batch.FirstRow,
                batch.Sequences, plan.Shape.States, model, work,
                chunk.Status.View.SubView(batch.FirstSequence, batch.Sequences)));
            kernels.AccumulateStatistics(plan.Emission, plan, tile);
        }
    }

    private Buffers PrepareBuffers(HmmParameters parameters)
    {
        if (_buffers is { } existing && existing.Plan.Fits(parameters))
        {
            return existing;
        }

        _buffers?.Dispose();
        _buffers = null;
        var plan = HmmPlan.Create(
            _backend.Limits, _options, parameters, _backend.HmmWorkspaceBudget(_options), _layout.LongestSequence,
            _layout.LargestChunkRows);
        _buffers = new Buffers(_backend.Accelerator, parameters, plan);
        return _buffers;
    }

    /// <summary>Device buffers of one model shape: parameters, per-group partials and their totals.</summary>
    private sealed class Buffers : IDisposable
    {
        public Buffers(Accelerator accelerator, HmmParameters parameters, HmmPlan plan)
        {
            Plan = plan;
            Parameters = new HmmDeviceParameters(accelerator, parameters);
            Partials = accelerator.Allocate1D<double>((long)plan.StatisticsGroups * plan.Shape.PartialLength);
            Totals = accelerator.Allocate1D<double>(plan.Shape.PartialLength);
        }

        public HmmPlan Plan { get; }

        public HmmDeviceParameters Parameters { get; }

        public MemoryBuffer1D<double, Stride1D.Dense> Partials { get; }

        public MemoryBuffer1D<double, Stride1D.Dense> Totals { get; }

        public void Dispose()
        {
            Parameters.Dispose();
            Partials.Dispose();
            Totals.Dispose();
        }
    }
}
