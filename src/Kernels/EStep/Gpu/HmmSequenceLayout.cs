using ILGPU.Runtime;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// A partition's sequences laid over its device chunks (<see cref="DeviceRows"/> cuts at sequence boundaries):
/// per chunk a <see cref="ChunkSequences"/>, uploaded once when the partition first runs an HMM.
/// </summary>
internal sealed class HmmSequenceLayout : IDisposable
{
    private readonly List<ChunkSequences> _chunks = [];

    /// <summary>
    /// Splits <paramref name="lengths"/> over <paramref name="chunks"/> (first row, row count) and uploads them.
    /// Throws <see cref="DeviceCannotRunException"/> when a sequence crosses a chunk boundary (a partition without
    /// lengths, i.e. one sequence, longer than a chunk), so the partition runs on the CPU path.
    /// </summary>
    public HmmSequenceLayout(
        Accelerator accelerator, IReadOnlyList<(long First, int Count)> chunks, int[] lengths)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(lengths);
        try
        {
            var sequence = 0;
            foreach (var (first, count) in chunks)
            {
                var start = sequence;
                long rows = 0;
                while (sequence < lengths.Length && rows < count)
                {
                    LongestSequence = Math.Max(LongestSequence, lengths[sequence]);
                    rows += lengths[sequence++];
                }

                if (rows != count)
                {
                    throw new DeviceCannotRunException(
                        $"Sequence {sequence - 1} ({lengths[sequence - 1]} rows) does not fit one device chunk of " +
                        $"{count} rows; raise MaxChunkRows or cut the data into shorter sequences. This partition " +
                        "runs on the CPU path.");
                }

                _chunks.Add(new ChunkSequences(accelerator, start, first, lengths.AsSpan(start, sequence - start)));
                LargestChunkRows = Math.Max(LargestChunkRows, count);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Steps of the longest sequence.</summary>
    public int LongestSequence { get; }

    /// <summary>Rows of the largest chunk.</summary>
    public int LargestChunkRows { get; }

    /// <summary>Device bytes held by offsets, flags and status words.</summary>
    public long Bytes => _chunks.Sum(c => c.Bytes);

    /// <summary>The sequences of chunk <paramref name="index"/>.</summary>
    public ChunkSequences this[int index] => _chunks[index];

    /// <summary>
    /// After an iteration whose log-likelihood came out −∞: the first sequence the device found impossible, as
    /// (partition sequence index, partition row, length), or null (then something else went wrong).
    /// </summary>
    public (int Sequence, long FirstRow, int Length)? FirstImpossible(AcceleratorStream stream)
    {
        foreach (var chunk in _chunks)
        {
            var status = new int[Math.Max(1, chunk.Count)];
            chunk.Status.View.CopyToCPU(stream, status);
            stream.Synchronize();
            for (var q = 0; q < chunk.Count; q++)
            {
                if (status[q] != 0)
                {
                    return (chunk.FirstSequence + q, chunk.FirstRow + chunk.Offsets[q],
                        chunk.Offsets[q + 1] - chunk.Offsets[q]);
                }
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            chunk.Dispose();
        }

        _chunks.Clear();
    }
}
