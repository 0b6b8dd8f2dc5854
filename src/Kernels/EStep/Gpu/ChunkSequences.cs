using ILGPU;
using ILGPU.Runtime;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// The sequences of one device chunk: their offsets and per-row step flags, uploaded once, and a status word per
/// sequence that the forward-backward kernel writes each iteration (1 = probability zero under the model).
/// </summary>
internal sealed class ChunkSequences : IDisposable
{
    private readonly Dictionary<int, HmmBatch[]> _batches = [];

    /// <summary>Uploads the offsets and flags of sequences with <paramref name="lengths"/>.</summary>
    public ChunkSequences(Accelerator accelerator, int firstSequence, long firstRow, ReadOnlySpan<int> lengths)
    {
        FirstSequence = firstSequence;
        FirstRow = firstRow;
        Offsets = new int[lengths.Length + 1];
        for (var i = 0; i < lengths.Length; i++)
        {
            Offsets[i + 1] = Offsets[i] + lengths[i];
        }

        var flags = new byte[Offsets[^1]];
        for (var i = 0; i < lengths.Length; i++)
        {
            flags[Offsets[i]] |= HmmTileSteps.First;
            flags[Offsets[i + 1] - 1] |= HmmTileSteps.Last;
        }

        DeviceOffsets = accelerator.Allocate1D(Offsets);
        MemoryBuffer1D<byte, Stride1D.Dense>? deviceFlags = null;
        try
        {
            deviceFlags = accelerator.Allocate1D(flags);
            Status = accelerator.Allocate1D<int>(Math.Max(1, lengths.Length));
        }
        catch
        {
            DeviceOffsets.Dispose();
            deviceFlags?.Dispose();
            throw;
        }

        DeviceFlags = deviceFlags;
    }

    /// <summary>Partition index of the chunk's first sequence.</summary>
    public int FirstSequence { get; }

    /// <summary>Partition row where the chunk starts.</summary>
    public long FirstRow { get; }

    /// <summary>Chunk-relative first rows of the sequences and the chunk's end, <c>[Q + 1]</c>.</summary>
    public int[] Offsets { get; }

    /// <summary>Number of sequences (Q).</summary>
    public int Count => Offsets.Length - 1;

    /// <summary><see cref="Offsets"/> on the device.</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> DeviceOffsets { get; }

    /// <summary>Step flags per row (see <see cref="HmmTileSteps.First"/>, <see cref="HmmTileSteps.Last"/>).</summary>
    public MemoryBuffer1D<byte, Stride1D.Dense> DeviceFlags { get; }

    /// <summary>Per sequence: 1 when impossible in the last iteration, else 0.</summary>
    public MemoryBuffer1D<int, Stride1D.Dense> Status { get; }

    /// <summary>Device bytes held.</summary>
    public long Bytes => (4L * Offsets.Length) + Offsets[^1] + (4L * Math.Max(1, Count));

    /// <summary>Greedy batches of whole sequences with at most <paramref name="workspaceRows"/> rows each (a
    /// longer sequence alone); cached per workspace size.</summary>
    public HmmBatch[] Batches(int workspaceRows)
    {
        if (_batches.TryGetValue(workspaceRows, out var known))
        {
            return known;
        }

        return _batches[workspaceRows] = HmmBatch.Cut(Offsets, workspaceRows);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        DeviceOffsets.Dispose();
        DeviceFlags.Dispose();
        Status.Dispose();
    }
}
