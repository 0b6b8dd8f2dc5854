using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// One compute thread's buffers for one mixture shape: the tile in both layouts, the per-tile kernel outputs and
/// the float64 statistics of the block being computed. Nothing here is N×K: a tile is
/// <see cref="MixtureLayout.TileRows"/> rows.
/// </summary>
internal sealed unsafe class TileWorkspace<T>
    where T : unmanaged
{
    private T* _rows;
    private T* _columns;
    private byte* _later;
    private int _laterBytes;
    private int _fetched;

    /// <summary>Allocates zeroed buffers for <paramref name="layout"/>.</summary>
    public TileWorkspace(MixtureLayout layout)
    {
        const int tile = MixtureLayout.TileRows;
        Layout = layout;
        Raw = new double[tile * layout.Features];
        RawWeights = new double[tile];
        RowBuffer = new AlignedArray<T>(tile * layout.PaddedFeatures);
        ColumnBuffer = new AlignedArray<T>(layout.Height * tile);
        UseOwnBuffers();
        Weights = new AlignedArray<T>(tile);
        Norms = new AlignedArray<T>(layout.PaddedComponents * tile);
        Scaled = new AlignedArray<T>(layout.Height * tile);
        Projected = new AlignedArray<T>(layout.Height * tile);
        LogSum = new AlignedArray<T>(tile);
        Active = new int[tile + MomentKernels.ActiveSpare]; // compaction writes past the count
        WeightedRows = new int[tile + MomentKernels.ActiveSpare];
        Block = new BlockStatistics(layout);
    }

    /// <summary>The shape the buffers are sized for.</summary>
    public MixtureLayout Layout { get; }

    /// <summary>The tile as read from the source, float64 <c>[n × D]</c>.</summary>
    public double[] Raw { get; }

    /// <summary>Sample weights of the tile, float64 <c>[TileRows]</c> (zero past the last row).</summary>
    public double[] RawWeights { get; }

    /// <summary>This workspace's own row-major tile buffer <c>[TileRows × Dp]</c>, where
    /// <see cref="TileLoader"/> prepares a streamed tile.</summary>
    public AlignedArray<T> RowBuffer { get; }

    /// <summary>This workspace's own feature-major tile buffer <c>[H × TileRows]</c>.</summary>
    public AlignedArray<T> ColumnBuffer { get; }

    /// <summary>The current tile's centred rows x', row-major <c>[TileRows × Dp]</c>: the own buffer, or a tile
    /// of a partition's <see cref="ResidentTiles{T}"/>.</summary>
    public ref T Rows => ref Unsafe.AsRef<T>(_rows);

    /// <summary>The current tile's centred rows x', feature-major <c>[H × TileRows]</c> (a register holds W rows
    /// of a feature): the own buffer, or a resident tile.</summary>
    public ref T Columns => ref Unsafe.AsRef<T>(_columns);

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

    /// <summary>The rows of the tile with a non-zero responsibility for the current component.</summary>
    public int[] Active { get; }

    /// <summary>The rows of the tile with a non-zero sample weight (tied scatter).</summary>
    public int[] WeightedRows { get; }

    /// <summary>n when <see cref="RawWeights"/> and <see cref="Weights"/> hold 1 for the first n rows and 0 after
    /// (set by <see cref="TileLoader.UnitWeights{TOps,TVec,T}"/>); −1 when they hold anything else.</summary>
    public int UnitWeightRows { get; set; } = -1;

    /// <summary>float64 statistics of the block being computed.</summary>
    public BlockStatistics Block { get; }

    /// <summary>Makes <see cref="Rows"/> and <see cref="Columns"/> this workspace's own buffers.</summary>
    public void UseOwnBuffers()
    {
        _rows = (T*)Unsafe.AsPointer(ref RowBuffer.Start);
        _columns = (T*)Unsafe.AsPointer(ref ColumnBuffer.Start);
    }

    /// <summary>
    /// Makes <see cref="Rows"/> and <see cref="Columns"/> the tile at <paramref name="rows"/> and
    /// <paramref name="columns"/>: pinned memory, laid out as the own buffers, that outlives the tile's use.
    /// </summary>
    public void UseTile(ref T rows, ref T columns)
    {
        _rows = (T*)Unsafe.AsPointer(ref rows);
        _columns = (T*)Unsafe.AsPointer(ref columns);
    }

    /// <summary>
    /// Records the next tile's memory (<paramref name="elements"/> from <paramref name="start"/>), to be brought
    /// into L2 in parts by <see cref="FetchPart"/> while the current tile is computed: asked for all at once, the
    /// fetches of a whole tile fill the core's miss buffers and stall the loop that issues them.
    /// </summary>
    public void FetchLater(ref T start, int elements)
    {
        _later = (byte*)Unsafe.AsPointer(ref start);
        _laterBytes = elements * sizeof(T);
        _fetched = 0;
    }

    /// <summary>Forgets the recorded memory.</summary>
    public void FetchNothing() => _later = null;

    /// <summary>Asks for the recorded memory up to its <paramref name="part"/>/<paramref name="parts"/> mark;
    /// the last part forgets it.</summary>
    public void FetchPart(int part, int parts)
    {
        if (_later == null || !Sse.IsSupported)
        {
            return;
        }

        var end = (int)((long)_laterBytes * part / parts);
        for (var b = _fetched; b < end; b += 64)
        {
            Sse.Prefetch1(_later + b);
        }

        _fetched = Math.Max(_fetched, (end + 63) & ~63);
        if (part == parts)
        {
            _later = null;
        }
    }
}
