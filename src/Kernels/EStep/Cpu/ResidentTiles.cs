using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// A partition's prepared tiles kept in memory across iterations: tile i is exactly what
/// <see cref="TileLoader"/> put in a workspace for it (centred rows in the element type T, row-major
/// <c>[TileRows × Dp]</c>, then — see <see cref="KeepsColumns"/> — feature-major <c>[H × TileRows]</c>, padding
/// included) plus, for a weighted partition, its float64 weights <c>[TileRows]</c>. The kernels read the copy in
/// place, so an iteration does the same arithmetic on the same bits as a streamed one without reading, centring
/// or rounding the rows.
/// </summary>
/// <remarks>
/// Tiles live in pinned, 64-byte aligned segments of at most <see cref="SegmentBytes"/> (one array cannot hold a
/// large partition, and tiles must not move while a kernel reads them through a pointer). Segments are allocated
/// uninitialised: pages join the resident set as the first iteration writes them. The copy is filled tile by tile
/// during the first iteration (<see cref="Store"/>) and used from the next one, once <see cref="MarkComplete"/>
/// has recorded that a run wrote every tile; a failed or cancelled run leaves it incomplete and the next run
/// fills it again.
/// </remarks>
internal sealed class ResidentTiles<T>
    where T : unmanaged
{
    /// <summary>Upper bound of one segment's size in bytes.</summary>
    public const int SegmentBytes = 64 << 20;

    private readonly AlignedArray<T>[] _segments;
    private readonly double[][]? _weights;
    private readonly int _rowLength;
    private readonly int _tileLength;
    private readonly int _tilesPerSegment;
    private volatile bool _complete;

    /// <summary>Allocates room for <paramref name="tiles"/> tiles of <paramref name="layout"/>'s shape.</summary>
    public ResidentTiles(MixtureLayout layout, int tiles, bool weighted, bool bySequence)
    {
        PaddedFeatures = layout.PaddedFeatures;
        Height = layout.Height;
        Count = tiles;
        BySequence = bySequence;
        Columns = KeepsColumns(layout, bySequence);
        _rowLength = MixtureLayout.TileRows * PaddedFeatures;
        _tileLength = _rowLength + (Columns ? Height * MixtureLayout.TileRows : 0);
        _tilesPerSegment = TilesPerSegment(_tileLength);
        var segments = (tiles + _tilesPerSegment - 1) / _tilesPerSegment;
        _segments = new AlignedArray<T>[segments];
        _weights = weighted ? new double[segments][] : null;
        for (var s = 0; s < segments; s++)
        {
            var count = Math.Min(_tilesPerSegment, tiles - (s * _tilesPerSegment));
            _segments[s] = new AlignedArray<T>(count * _tileLength, zeroed: false);
            if (_weights is not null)
            {
                _weights[s] = GC.AllocateUninitializedArray<double>(count * MixtureLayout.TileRows);
            }
        }
    }

    /// <summary>Number of tiles.</summary>
    public int Count { get; }

    /// <summary>Dp of the tiles' rows.</summary>
    public int PaddedFeatures { get; }

    /// <summary>H of the tiles' columns.</summary>
    public int Height { get; }

    /// <summary>True for tiles cut per sequence (HMM), false for tiles cut from the partition's first row.</summary>
    public bool BySequence { get; }

    /// <summary>True when the tiles keep their feature-major columns (<see cref="KeepsColumns"/>).</summary>
    public bool Columns { get; }

    /// <summary>True once a run has stored every tile.</summary>
    public bool Complete => _complete;

    /// <summary>
    /// Whether a copy keeps each tile's feature-major columns as well as its rows. Rows only — half the memory,
    /// the columns re-derived on each use — where <see cref="TileLoader.Transpose{TOps,TVec,T}"/> is AVX shuffles
    /// (<see cref="ColumnGather"/>: vector kernels of either element type): measured as fast as reading stored
    /// columns (float32 diag and full, N=200k D=16 K=16; float64 in PERFORMANCE.md). Both layouts for HMM tiles
    /// (each is used twice an iteration) and where the transpose is scalar copies (scalar kernels, no AVX2).
    /// </summary>
    public static bool KeepsColumns(MixtureLayout layout, bool bySequence)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return bySequence || layout.Width == 1 || !Avx2.IsSupported;
    }

    /// <summary>Bytes that <paramref name="tiles"/> tiles of <paramref name="layout"/>'s shape take.</summary>
    public static long Bytes(MixtureLayout layout, long tiles, bool weighted, bool bySequence)
    {
        var height = KeepsColumns(layout, bySequence) ? layout.Height : 0;
        var perTile = ((long)MixtureLayout.TileRows * (layout.PaddedFeatures + height) * Unsafe.SizeOf<T>())
            + (weighted ? MixtureLayout.TileRows * sizeof(double) : 0);
        return tiles * perTile;
    }

    /// <summary>True when these tiles were made for <paramref name="layout"/>'s rows cut as given.</summary>
    public bool Fits(MixtureLayout layout, int tiles, bool bySequence) =>
        layout.PaddedFeatures == PaddedFeatures && layout.Height == Height && tiles == Count
        && bySequence == BySequence;

    /// <summary>Records that a run has stored every tile; later runs read the copy.</summary>
    public void MarkComplete() => _complete = true;

    /// <summary>Copies the tile just loaded into <paramref name="ws"/>'s own buffers as tile
    /// <paramref name="tile"/>.</summary>
    public void Store(int tile, TileWorkspace<T> ws)
    {
        var (segment, offset) = Locate(tile);
        var target = _segments[segment].Span;
        ws.RowBuffer.Span.CopyTo(target.Slice(offset, _rowLength));
        if (Columns)
        {
            ws.ColumnBuffer.Span.CopyTo(target.Slice(offset + _rowLength, _tileLength - _rowLength));
        }

        if (_weights is not null)
        {
            var local = tile - (segment * _tilesPerSegment);
            ws.RawWeights.AsSpan(0, MixtureLayout.TileRows)
                .CopyTo(_weights[segment].AsSpan(local * MixtureLayout.TileRows, MixtureLayout.TileRows));
        }
    }

    /// <summary>
    /// Points <paramref name="ws"/> at tile <paramref name="tile"/> (n valid rows): its rows in place, its columns
    /// in place or re-derived into the workspace's own buffer, its weights as <see cref="TileLoader"/> sets them
    /// (the stored ones, or one per valid row). Then asks for the next tile to be fetched: at once, or, when
    /// <paramref name="spread"/>, in the parts the caller asks for with <see cref="TileWorkspace{T}.FetchPart"/>.
    /// </summary>
    public void Use<TOps, TVec>(int tile, int n, TileWorkspace<T> ws, bool spread = false)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
    {
        var (segment, offset) = Locate(tile);
        ref var start = ref Unsafe.Add(ref _segments[segment].Start, offset);
        if (Columns)
        {
            ws.UseTile(ref start, ref Unsafe.Add(ref start, _rowLength));
        }
        else
        {
            ws.UseTile(ref start, ref ws.ColumnBuffer.Start);
            TileLoader.Transpose<TOps, TVec, T>(ref start, ws.Layout, ref ws.ColumnBuffer.Start);
        }

        if (_weights is not null)
        {
            var local = tile - (segment * _tilesPerSegment);
            _weights[segment].AsSpan(local * MixtureLayout.TileRows, MixtureLayout.TileRows)
                .CopyTo(ws.RawWeights.AsSpan(0, MixtureLayout.TileRows));
            TileLoader.ConvertWeights<TOps, TVec, T>(ws);
        }
        else
        {
            TileLoader.UnitWeights<TOps, TVec, T>(ws, n);
        }

        if (tile + 1 < Count)
        {
            // The kernels touch a resident tile's lines in an order the hardware prefetcher does not follow well,
            // and a tile read from memory by the kernels themselves stalled them: the next one is asked for into
            // L2 while this one is processed, at once or in the caller's parts.
            var (nextSegment, nextOffset) = Locate(tile + 1);
            ws.FetchLater(ref Unsafe.Add(ref _segments[nextSegment].Start, nextOffset), _tileLength);
            if (!spread)
            {
                ws.FetchPart(1, 1);
            }
        }
    }

    private static int TilesPerSegment(int tileLength) =>
        Math.Max(1, SegmentBytes / (tileLength * Unsafe.SizeOf<T>()));

    private (int Segment, int Offset) Locate(int tile)
    {
        if ((uint)tile >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(tile), $"Tile {tile} is outside [0, {Count}).");
        }

        var segment = tile / _tilesPerSegment;
        return (segment, (tile - (segment * _tilesPerSegment)) * _tileLength);
    }
}
