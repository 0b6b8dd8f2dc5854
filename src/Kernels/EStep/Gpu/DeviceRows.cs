using AiMass.Kernels.Data;
using ILGPU;
using ILGPU.Runtime;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// A partition's rows on the device: float32, centred by the partition's float64 mean m_p (so float32 keeps
/// its precision when |x| ≫ spread, e.g. data offset by 10⁴), with float32 weights; uploaded once at bind.
/// </summary>
/// <remarks>
/// Chunk policy: rows are cut into chunks of at most <see cref="ChunkRows"/> (options.MaxChunkRows, and
/// rows·D &lt; 2³¹ so kernel indices fit int32); one kernel launch per chunk. A partition with sequence lengths
/// is cut at sequence boundaries only (whole sequences per chunk, so the HMM kernels see every sequence in one
/// chunk); a single sequence longer than <see cref="ChunkRows"/> gets a chunk of its own. Chunks stay resident on the
/// device while they fit the resident budget (what options.MaxResidentBytes, default 60% of device memory,
/// leaves after the backend's other live partitions);
/// chunks beyond it are re-read from the row source and uploaded into one staging chunk every iteration —
/// correct but paying a host→device copy per iteration, so size partitions (or add workers) to stay resident.
/// </remarks>
internal sealed class DeviceRows : IDisposable
{
    private const int HostBlockRows = 1 << 16;
    private readonly Accelerator _accelerator;
    private readonly DataPartition _partition;
    private readonly List<Chunk> _chunks = [];
    private MemoryBuffer1D<float, Stride1D.Dense>? _stagingRows;
    private MemoryBuffer1D<float, Stride1D.Dense>? _stagingWeights;

    /// <summary>Computes m_p and Σw, then uploads the resident chunks.</summary>
    public DeviceRows(Accelerator accelerator, DataPartition partition, IlgpuOptions options, long residentBudget)
    {
        _accelerator = accelerator;
        _partition = partition;
        Features = partition.Rows.Features;
        RowCount = partition.RowCount;
        CheckWeights(partition);
        ChunkRows = (int)Math.Max(1, Math.Min(options.MaxChunkRows, (int.MaxValue - 1) / Features));
        (Mean, TotalWeight) = Summarise(partition);
        try
        {
            UploadResidentChunks(residentBudget);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>D.</summary>
    public int Features { get; }

    /// <summary>Rows of the partition.</summary>
    public long RowCount { get; }

    /// <summary>Rows per chunk (a chunk holding one longer sequence may exceed it).</summary>
    public int ChunkRows { get; }

    /// <summary>The centring m_p, <c>[D]</c>: the plain mean of the partition's rows.</summary>
    public double[] Mean { get; }

    /// <summary>Σ w over the partition in float64 (row order).</summary>
    public double TotalWeight { get; }

    /// <summary>Device bytes held by the resident chunks.</summary>
    public long ResidentBytes { get; private set; }

    /// <summary>Number of chunks that are re-uploaded every iteration.</summary>
    public int StreamedChunks => _chunks.Count(c => c.Rows is null);

    /// <summary>The chunks' (first row, row count), in row order.</summary>
    public IReadOnlyList<(long First, int Count)> ChunkRanges => _chunks.Select(c => (c.First, c.Count)).ToList();

    /// <summary>Calls <paramref name="visit"/>(rows, weights, row count) for each chunk in row order.</summary>
    public void ForEachChunk(CancellationToken cancellationToken, Action<ArrayView<float>, ArrayView<float>, int> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ForEachChunk(cancellationToken, (_, rows, weights, count) => visit(rows, weights, count));
    }

    /// <summary>Calls <paramref name="visit"/>(chunk index, rows, weights, row count) for each chunk in row order.
    /// </summary>
    public void ForEachChunk(
        CancellationToken cancellationToken, Action<int, ArrayView<float>, ArrayView<float>, int> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        for (var i = 0; i < _chunks.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = _chunks[i];
            if (chunk.Rows is { } rows && chunk.Weights is { } weights)
            {
                visit(i, rows.View, weights.View, chunk.Count);
                continue;
            }

            var x = _stagingRows!.View.SubView(0, (long)chunk.Count * Features);
            var w = _stagingWeights!.View.SubView(0, chunk.Count);
            Upload(chunk.First, chunk.Count, x, w);
            visit(i, x, w, chunk.Count);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            chunk.Rows?.Dispose();
            chunk.Weights?.Dispose();
        }

        _chunks.Clear();
        ResidentBytes = 0;
        _stagingRows?.Dispose();
        _stagingWeights?.Dispose();
        _stagingRows = null;
        _stagingWeights = null;
    }

    private void UploadResidentChunks(long residentBudget)
    {
        var bytesPerRow = sizeof(float) * (Features + 1L);
        long residentRows = 0;
        var largestStreamed = 0;
        foreach (var (first, count) in ChunkCuts.Cut(_partition, ChunkRows))
        {
            if ((residentRows + count) * bytesPerRow > residentBudget)
            {
                _chunks.Add(new Chunk(first, count, null, null));
                largestStreamed = Math.Max(largestStreamed, count);
                continue;
            }

            var rows = _accelerator.Allocate1D<float>((long)count * Features);
            var weights = _accelerator.Allocate1D<float>(count);
            _chunks.Add(new Chunk(first, count, rows, weights));
            Upload(first, count, rows.View, weights.View);
            residentRows += count;
        }

        ResidentBytes = residentRows * bytesPerRow;

        if (largestStreamed > 0)
        {
            _stagingRows = _accelerator.Allocate1D<float>((long)largestStreamed * Features);
            _stagingWeights = _accelerator.Allocate1D<float>(largestStreamed);
        }
    }

    /// <summary>Reads rows [first, first + count), centres them and copies them to the device views.</summary>
    private void Upload(
        long first, int count, ArrayView1D<float, Stride1D.Dense> rows, ArrayView1D<float, Stride1D.Dense> weights)
    {
        var d = Features;
        var block = Math.Min(HostBlockRows, count);
        var raw = new double[block * d];
        var rawWeights = new double[block];
        var centred = new float[block * d];
        var floatWeights = new float[block];
        var stream = _accelerator.DefaultStream;
        for (var offset = 0; offset < count; offset += block)
        {
            var n = Math.Min(block, count - offset);
            _partition.Rows.Read(first + offset, n, raw.AsSpan(0, n * d));
            ReadWeights(_partition, first + offset, n, rawWeights);
            for (var i = 0; i < n * d; i++)
            {
                centred[i] = (float)(raw[i] - Mean[i % d]);
            }

            for (var i = 0; i < n; i++)
            {
                floatWeights[i] = (float)rawWeights[i];
            }

            rows.SubView((long)offset * d, (long)n * d).CopyFromCPU(stream, new ReadOnlySpan<float>(centred, 0, n * d));
            weights.SubView(offset, n).CopyFromCPU(stream, new ReadOnlySpan<float>(floatWeights, 0, n));
        }

        stream.Synchronize();
    }

    private static (double[] Mean, double TotalWeight) Summarise(DataPartition partition)
    {
        var d = partition.Rows.Features;
        var mean = new double[d];
        var totalWeight = 0.0;
        RowChunks.ForEach(partition, HostBlockRows, CancellationToken.None, (_, n, rows, weights) =>
        {
            for (var i = 0; i < n; i++)
            {
                totalWeight += weights[i];
                for (var j = 0; j < d; j++)
                {
                    mean[j] += rows[(i * d) + j];
                }
            }
        });
        for (var j = 0; j < d && partition.RowCount > 0; j++)
        {
            mean[j] /= partition.RowCount;
        }

        return (mean, totalWeight);
    }

    private static void ReadWeights(DataPartition partition, long first, int count, double[] destination)
    {
        if (partition.Weights is { } w)
        {
            w.Read(first, count, destination.AsSpan(0, count));
        }
        else
        {
            destination.AsSpan(0, count).Fill(1.0);
        }
    }

    private static void CheckWeights(DataPartition partition)
    {
        if (partition.Weights is { } w && (w.Rows != partition.RowCount || w.Features != 1))
        {
            throw new InvalidInputException(
                $"{w.Name} has {w.Rows} × {w.Features} weights; partition {partition.Index} needs " +
                $"{partition.RowCount} × 1 (one weight per row of {partition.Rows.Name}).");
        }
    }

    private sealed record Chunk(
        long First,
        int Count,
        MemoryBuffer1D<float, Stride1D.Dense>? Rows,
        MemoryBuffer1D<float, Stride1D.Dense>? Weights);
}
