namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// Whole sequences grouped into blocks, the unit of work and of the ordered float64 merge: consecutive sequences
/// are added to a block until it holds at least <see cref="TargetRows"/> rows (a long sequence is a block of its
/// own). Blocks are run and merged in increasing size, ties in sequence order: the order depends on the lengths
/// only, so results never depend on the number of threads, and as a block claimed later is never smaller than
/// the ones before it, a thread seldom waits in <see cref="BlockRun"/>'s ordered hand-off for a longer block
/// claimed before its own (with sequence order, one long block would hold up every thread behind it).
/// </summary>
internal sealed class HmmBlockPlan
{
    /// <summary>Rows a block is filled to: enough to amortise a merge, small enough to share work on 100 × 1000.
    /// </summary>
    public const int TargetRows = 4096;

    private readonly (int First, int Count, long Row)[] _blocks;

    private HmmBlockPlan(int[] lengths, (int First, int Count, long Row)[] blocks)
    {
        Lengths = lengths;
        _blocks = blocks;
        FirstTiles = new int[lengths.Length];
        long tiles = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            FirstTiles[i] = (int)Math.Min(tiles, int.MaxValue);
            tiles += (lengths[i] + MixtureLayout.TileRows - 1) / MixtureLayout.TileRows;
        }

        TileCount = tiles;
    }

    /// <summary>The sequence lengths.</summary>
    public int[] Lengths { get; }

    /// <summary>
    /// Per sequence, the index of its first tile when every sequence is cut into tiles of
    /// <see cref="MixtureLayout.TileRows"/> from its own first step (as the emission and moment stages cut it);
    /// meaningful while <see cref="TileCount"/> fits an int.
    /// </summary>
    public int[] FirstTiles { get; }

    /// <summary>Number of tiles over all sequences.</summary>
    public long TileCount { get; }

    /// <summary>Number of blocks.</summary>
    public int Count => _blocks.Length;

    /// <summary>Blocks for sequences of <paramref name="lengths"/> (already checked).</summary>
    public static HmmBlockPlan Create(int[] lengths)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        var blocks = new List<(int First, int Count, long Row, long Rows)>();
        long row = 0, blockRow = 0, blockRows = 0;
        var first = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            row += lengths[i];
            blockRows += lengths[i];
            if (blockRows >= TargetRows || i == lengths.Length - 1)
            {
                blocks.Add((first, i + 1 - first, blockRow, blockRows));
                (first, blockRow, blockRows) = (i + 1, row, 0);
            }
        }

        var ordered = blocks.OrderBy(b => b.Rows).ThenBy(b => b.First).Select(b => (b.First, b.Count, b.Row));
        return new HmmBlockPlan(lengths, [.. ordered]);
    }

    /// <summary>
    /// The sequences <c>[First, First + Count)</c> of the <paramref name="block"/>-th block in run order and the
    /// partition row its first sequence starts at.
    /// </summary>
    public (int First, int Count, long Row) Block(int block) => _blocks[block];
}
