using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// A partition's prepared tiles kept in memory across iterations: tile i is exactly what
/// <see cref="TileLoader"/> put in a workspace for it (centred rows in the element type T, row-major
/// <c>[TileRows × Dp]</c> then feature-major <c>[H × TileRows]</c>, padding included) plus, for a weighted
/// partition, its float64 weights <c>[TileRows]</c>. The kernels read a complete copy in place, so an iteration
/// does the same arithmetic on the same bits as a streamed one without reading, centring, rounding or transposing.
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
        _rowLength = MixtureLayout.TileRows * PaddedFeatures;
        _tileLength = _rowLength + (Height * MixtureLayout.TileRows);
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

    /// <summary>True once a run has stored every tile.</summary>
    public bool Complete => _complete;

    /// <summary>Bytes that <paramref name="tiles"/> tiles of <paramref name="layout"/>'s shape take.</summary>
    public static long Bytes(MixtureLayout layout, long tiles, bool weighted)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var perTile = ((long)MixtureLayout.TileRows * (layout.PaddedFeatures + layout.Height) * Unsafe.SizeOf<T>())
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
        ws.ColumnBuffer.Span.CopyTo(target.Slice(offset + _rowLength, _tileLength - _rowLength));
        if (_weights is not null)
        {
            var local = tile - (segment * _tilesPerSegment);
            ws.RawWeights.AsSpan(0, MixtureLayout.TileRows)
                .CopyTo(_weights[segment].AsSpan(local * MixtureLayout.TileRows, MixtureLayout.TileRows));
        }
    }

    /// <summary>
    /// Points <paramref name="ws"/> at tile <paramref name="tile"/> (n valid rows) and sets its weights as
    /// <see cref="TileLoader"/> would: the stored ones, or one per valid row.
    /// </summary>
    public void Use<TOps, TVec>(int tile, int n, TileWorkspace<T> ws)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
    {
        var (segment, offset) = Locate(tile);
        ref var start = ref Unsafe.Add(ref _segments[segment].Start, offset);
        ws.UseTile(ref start, ref Unsafe.Add(ref start, _rowLength));
        if (tile + 1 < Count)
        {
            Prefetch(tile + 1);
        }

        var rawWeights = ws.RawWeights.AsSpan(0, MixtureLayout.TileRows);
        if (_weights is not null)
        {
            var local = tile - (segment * _tilesPerSegment);
            _weights[segment].AsSpan(local * MixtureLayout.TileRows, MixtureLayout.TileRows).CopyTo(rawWeights);
        }
        else
        {
            rawWeights[..n].Fill(1.0);
            rawWeights[n..].Clear();
        }

        TileLoader.ConvertWeights<TOps, TVec, T>(ws);
    }

    /// <summary>
    /// Asks for tile <paramref name="tile"/> to be brought into L2 while the current one is processed: the
    /// kernels touch a resident tile's lines in an order the hardware prefetcher does not follow well, and a
    /// tile read from memory by the kernels themselves stalled them (the streamed path's copy is sequential).
    /// </summary>
    private unsafe void Prefetch(int tile)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var (segment, offset) = Locate(tile);
        var start = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref _segments[segment].Start, offset));
        var bytes = _tileLength * Unsafe.SizeOf<T>();
        for (var b = 0; b < bytes; b += 64)
        {
            Sse.Prefetch1(start + b);
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
