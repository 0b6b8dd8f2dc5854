namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// Whole sequences grouped into blocks, the unit of work and of the ordered float64 merge: consecutive sequences
/// are added to a block until it holds at least <see cref="TargetRows"/> rows. The grouping depends on the lengths
/// only, so results never depend on the number of threads; a long sequence is a block of its own.
/// </summary>
internal sealed class HmmBlockPlan
{
    /// <summary>Rows a block is filled to: enough to amortise a merge, small enough to share work on 100 × 1000.
    /// </summary>
    public const int TargetRows = 4096;

    private readonly int[] _firstSequence;
    private readonly long[] _firstRow;

    private HmmBlockPlan(int[] lengths, int[] firstSequence, long[] firstRow)
    {
        Lengths = lengths;
        _firstSequence = firstSequence;
        _firstRow = firstRow;
    }

    /// <summary>The sequence lengths.</summary>
    public int[] Lengths { get; }

    /// <summary>Number of blocks.</summary>
    public int Count => _firstSequence.Length - 1;

    /// <summary>Blocks for sequences of <paramref name="lengths"/> (already checked).</summary>
    public static HmmBlockPlan Create(int[] lengths)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        var firstSequence = new List<int> { 0 };
        var firstRow = new List<long> { 0 };
        long row = 0, blockRows = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            row += lengths[i];
            blockRows += lengths[i];
            if (blockRows >= TargetRows || i == lengths.Length - 1)
            {
                firstSequence.Add(i + 1);
                firstRow.Add(row);
                blockRows = 0;
            }
        }

        return new HmmBlockPlan(lengths, [.. firstSequence], [.. firstRow]);
    }

    /// <summary>The sequences <c>[First, First + Count)</c> of <paramref name="block"/> and its first row.</summary>
    public (int First, int Count, long Row) Block(int block) =>
        (_firstSequence[block], _firstSequence[block + 1] - _firstSequence[block], _firstRow[block]);
}
