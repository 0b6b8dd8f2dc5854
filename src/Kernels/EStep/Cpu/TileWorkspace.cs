namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// One compute thread's buffers for one mixture shape: the tile in both layouts, the per-tile kernel outputs and
/// the float64 statistics of the block being computed. Nothing here is N×K: a tile is
/// <see cref="MixtureLayout.TileRows"/> rows.
/// </summary>
internal sealed class TileWorkspace<T>
    where T : unmanaged
{
    /// <summary>Allocates zeroed buffers for <paramref name="layout"/>.</summary>
    public TileWorkspace(MixtureLayout layout)
    {
        const int tile = MixtureLayout.TileRows;
        Layout = layout;
        Raw = new double[tile * layout.Features];
        RawWeights = new double[tile];
        Rows = new AlignedArray<T>(tile * layout.PaddedFeatures);
        Columns = new AlignedArray<T>(layout.Height * tile);
        Weights = new AlignedArray<T>(tile);
        Norms = new AlignedArray<T>(layout.PaddedComponents * tile);
        Scaled = new AlignedArray<T>(layout.Height * tile);
        Projected = new AlignedArray<T>(layout.Height * tile);
        LogSum = new AlignedArray<T>(tile);
        Masses = new AlignedArray<T>(layout.PaddedComponents * layout.Width);
        Active = new int[tile + 8]; // compaction writes up to 7 entries past the count
        WeightedRows = new int[tile + 8];
        Block = new BlockStatistics(layout);
    }

    /// <summary>The shape the buffers are sized for.</summary>
    public MixtureLayout Layout { get; }

    /// <summary>The tile as read from the source, float64 <c>[n × D]</c>.</summary>
    public double[] Raw { get; }

    /// <summary>Sample weights of the tile, float64 <c>[TileRows]</c> (zero past the last row).</summary>
    public double[] RawWeights { get; }

    /// <summary>Centred rows x', row-major <c>[TileRows × Dp]</c>.</summary>
    public AlignedArray<T> Rows { get; }

    /// <summary>Centred rows x', feature-major <c>[H × TileRows]</c> (a register holds W rows of a feature).</summary>
    public AlignedArray<T> Columns { get; }

    /// <summary>Sample weights in the element type <c>[TileRows]</c>.</summary>
    public AlignedArray<T> Weights { get; }

    /// <summary>Per component: ‖y‖², then log π_k N_k, then responsibilities ρ_ik; <c>[K4 × TileRows]</c>.</summary>
    public AlignedArray<T> Norms { get; }

    /// <summary>Feature-major scratch <c>[H × TileRows]</c>: x' − ĉ_k for the densities, then ρ(x' − ĉ_k).</summary>
    public AlignedArray<T> Scaled { get; }

    /// <summary>Tied only: x'U, feature-major <c>[H × TileRows]</c>.</summary>
    public AlignedArray<T> Projected { get; }

    /// <summary>log p(x) per row of the tile.</summary>
    public AlignedArray<T> LogSum { get; }

    /// <summary>Per component, W partial sums of the tile's responsibilities <c>[K4 × W]</c>.</summary>
    public AlignedArray<T> Masses { get; }

    /// <summary>The rows of the tile with a non-zero responsibility for the current component.</summary>
    public int[] Active { get; }

    /// <summary>The rows of the tile with a non-zero sample weight (tied scatter).</summary>
    public int[] WeightedRows { get; }

    /// <summary>float64 statistics of the block being computed.</summary>
    public BlockStatistics Block { get; }
}
