namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Consecutive whole sequences of one device chunk that share the forward-backward workspace in one round of
/// kernel launches.
/// </summary>
/// <param name="FirstSequence">Index of the first sequence within the chunk.</param>
/// <param name="Sequences">Number of sequences.</param>
/// <param name="FirstRow">Chunk row where the batch starts.</param>
/// <param name="Rows">Rows of the batch (the sum of its lengths).</param>
internal readonly record struct HmmBatch(int FirstSequence, int Sequences, int FirstRow, int Rows)
{
    /// <summary>
    /// Greedy batches of the sequences with <paramref name="offsets"/> (<c>[Q + 1]</c>, first rows then the end):
    /// consecutive sequences while their rows stay within <paramref name="workspaceRows"/>, a longer sequence alone.
    /// </summary>
    public static HmmBatch[] Cut(int[] offsets, int workspaceRows)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        var count = offsets.Length - 1;
        var batches = new List<HmmBatch>();
        var first = 0;
        for (var q = 1; q <= count; q++)
        {
            if (q == count || (long)offsets[q + 1] - offsets[first] > workspaceRows)
            {
                batches.Add(new HmmBatch(first, q - first, offsets[first], offsets[q] - offsets[first]));
                first = q;
            }
        }

        return [.. batches];
    }
}
