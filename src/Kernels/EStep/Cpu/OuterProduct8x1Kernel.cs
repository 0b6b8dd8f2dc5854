using System.Runtime.CompilerServices;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// Adds Σ_t a_ti ẑ_tj to an 8-row × 1-register block of a float64 second-moment matrix: the SYRK-like update
/// S2 += Aᵀ Ẑ over the rows t of a tile, with A = ρ ⊙ ẑ feature-major (broadcast) and ẑ_t = x'_t − ĉ formed
/// on load from the row-major tile. Sums run over the tile in registers (8 accumulators), then widen once
/// into float64.
/// </summary>
internal static class OuterProduct8x1Kernel
{
    /// <summary>
    /// <paramref name="a"/>: A at row i₀, feature-major (row stride TileRows); <paramref name="x"/>: x' at column
    /// j₀, row-major (row stride Dp); <paramref name="centre"/>: ĉ at j₀; <paramref name="destination"/>: S2 at
    /// (i₀, j₀), row stride Dp; <paramref name="active"/>: the <paramref name="count"/> rows t of the tile with
    /// a non-zero weight (the others add exact zeros). Only the first <paramref name="rows"/> of the 8 rows are
    /// added (the rest are padding).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TOps, TVec, T>(
        ref T a, ref T x, ref T centre, ref int active, int count, ref double destination, int stride, int rows)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        const int tile = MixtureLayout.TileRows;
        var w = TOps.Width;
        var c0 = TOps.Load(ref Unsafe.Add(ref centre, 0 * w));
        TVec a00 = TOps.Zero;
        TVec a10 = TOps.Zero;
        TVec a20 = TOps.Zero;
        TVec a30 = TOps.Zero;
        TVec a40 = TOps.Zero;
        TVec a50 = TOps.Zero;
        TVec a60 = TOps.Zero;
        TVec a70 = TOps.Zero;
        for (var q = 0; q < count; q++)
        {
            var t = Unsafe.Add(ref active, q);
            ref var at = ref Unsafe.Add(ref a, t);
            ref var xt = ref Unsafe.Add(ref x, t * stride);
            var z0 = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref xt, 0 * w)), c0);
            TVec b;
            b = TOps.Broadcast(Unsafe.Add(ref at, 0 * tile));
            a00 = TOps.MultiplyAdd(b, z0, a00);
            b = TOps.Broadcast(Unsafe.Add(ref at, 1 * tile));
            a10 = TOps.MultiplyAdd(b, z0, a10);
            b = TOps.Broadcast(Unsafe.Add(ref at, 2 * tile));
            a20 = TOps.MultiplyAdd(b, z0, a20);
            b = TOps.Broadcast(Unsafe.Add(ref at, 3 * tile));
            a30 = TOps.MultiplyAdd(b, z0, a30);
            b = TOps.Broadcast(Unsafe.Add(ref at, 4 * tile));
            a40 = TOps.MultiplyAdd(b, z0, a40);
            b = TOps.Broadcast(Unsafe.Add(ref at, 5 * tile));
            a50 = TOps.MultiplyAdd(b, z0, a50);
            b = TOps.Broadcast(Unsafe.Add(ref at, 6 * tile));
            a60 = TOps.MultiplyAdd(b, z0, a60);
            b = TOps.Broadcast(Unsafe.Add(ref at, 7 * tile));
            a70 = TOps.MultiplyAdd(b, z0, a70);
        }

        if (rows > 0)
        {
            ref var row0 = ref Unsafe.Add(ref destination, 0 * stride);
            TOps.AddTo(a00, ref Unsafe.Add(ref row0, 0 * w));
        }

        if (rows > 1)
        {
            ref var row1 = ref Unsafe.Add(ref destination, 1 * stride);
            TOps.AddTo(a10, ref Unsafe.Add(ref row1, 0 * w));
        }

        if (rows > 2)
        {
            ref var row2 = ref Unsafe.Add(ref destination, 2 * stride);
            TOps.AddTo(a20, ref Unsafe.Add(ref row2, 0 * w));
        }

        if (rows > 3)
        {
            ref var row3 = ref Unsafe.Add(ref destination, 3 * stride);
            TOps.AddTo(a30, ref Unsafe.Add(ref row3, 0 * w));
        }

        if (rows > 4)
        {
            ref var row4 = ref Unsafe.Add(ref destination, 4 * stride);
            TOps.AddTo(a40, ref Unsafe.Add(ref row4, 0 * w));
        }

        if (rows > 5)
        {
            ref var row5 = ref Unsafe.Add(ref destination, 5 * stride);
            TOps.AddTo(a50, ref Unsafe.Add(ref row5, 0 * w));
        }

        if (rows > 6)
        {
            ref var row6 = ref Unsafe.Add(ref destination, 6 * stride);
            TOps.AddTo(a60, ref Unsafe.Add(ref row6, 0 * w));
        }

        if (rows > 7)
        {
            ref var row7 = ref Unsafe.Add(ref destination, 7 * stride);
            TOps.AddTo(a70, ref Unsafe.Add(ref row7, 0 * w));
        }
    }
}
