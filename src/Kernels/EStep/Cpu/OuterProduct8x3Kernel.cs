using System.Runtime.CompilerServices;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// Adds Σ_t a_ti ẑ_tj to an 8-row × 3-register block of a float64 second-moment matrix: the SYRK-like update
/// S2 += Aᵀ Ẑ over the rows t of a tile, with A = ρ ⊙ ẑ feature-major (broadcast) and ẑ_t = x'_t − ĉ formed
/// on load from the row-major tile. Sums run over the tile in registers (24 accumulators), then widen once
/// into float64.
/// </summary>
internal static class OuterProduct8x3Kernel
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
        var c1 = TOps.Load(ref Unsafe.Add(ref centre, 1 * w));
        var c2 = TOps.Load(ref Unsafe.Add(ref centre, 2 * w));
        TVec a00 = TOps.Zero; TVec a01 = TOps.Zero; TVec a02 = TOps.Zero;
        TVec a10 = TOps.Zero; TVec a11 = TOps.Zero; TVec a12 = TOps.Zero;
        TVec a20 = TOps.Zero; TVec a21 = TOps.Zero; TVec a22 = TOps.Zero;
        TVec a30 = TOps.Zero; TVec a31 = TOps.Zero; TVec a32 = TOps.Zero;
        TVec a40 = TOps.Zero; TVec a41 = TOps.Zero; TVec a42 = TOps.Zero;
        TVec a50 = TOps.Zero; TVec a51 = TOps.Zero; TVec a52 = TOps.Zero;
        TVec a60 = TOps.Zero; TVec a61 = TOps.Zero; TVec a62 = TOps.Zero;
        TVec a70 = TOps.Zero; TVec a71 = TOps.Zero; TVec a72 = TOps.Zero;
        for (var q = 0; q < count; q++)
        {
            var t = Unsafe.Add(ref active, q);
            ref var at = ref Unsafe.Add(ref a, t);
            ref var xt = ref Unsafe.Add(ref x, t * stride);
            var z0 = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref xt, 0 * w)), c0);
            var z1 = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref xt, 1 * w)), c1);
            var z2 = TOps.Subtract(TOps.Load(ref Unsafe.Add(ref xt, 2 * w)), c2);
            TVec b;
            b = TOps.Broadcast(Unsafe.Add(ref at, 0 * tile));
            a00 = TOps.MultiplyAdd(b, z0, a00); a01 = TOps.MultiplyAdd(b, z1, a01); a02 = TOps.MultiplyAdd(b, z2, a02);
            b = TOps.Broadcast(Unsafe.Add(ref at, 1 * tile));
            a10 = TOps.MultiplyAdd(b, z0, a10); a11 = TOps.MultiplyAdd(b, z1, a11); a12 = TOps.MultiplyAdd(b, z2, a12);
            b = TOps.Broadcast(Unsafe.Add(ref at, 2 * tile));
            a20 = TOps.MultiplyAdd(b, z0, a20); a21 = TOps.MultiplyAdd(b, z1, a21); a22 = TOps.MultiplyAdd(b, z2, a22);
            b = TOps.Broadcast(Unsafe.Add(ref at, 3 * tile));
            a30 = TOps.MultiplyAdd(b, z0, a30); a31 = TOps.MultiplyAdd(b, z1, a31); a32 = TOps.MultiplyAdd(b, z2, a32);
            b = TOps.Broadcast(Unsafe.Add(ref at, 4 * tile));
            a40 = TOps.MultiplyAdd(b, z0, a40); a41 = TOps.MultiplyAdd(b, z1, a41); a42 = TOps.MultiplyAdd(b, z2, a42);
            b = TOps.Broadcast(Unsafe.Add(ref at, 5 * tile));
            a50 = TOps.MultiplyAdd(b, z0, a50); a51 = TOps.MultiplyAdd(b, z1, a51); a52 = TOps.MultiplyAdd(b, z2, a52);
            b = TOps.Broadcast(Unsafe.Add(ref at, 6 * tile));
            a60 = TOps.MultiplyAdd(b, z0, a60); a61 = TOps.MultiplyAdd(b, z1, a61); a62 = TOps.MultiplyAdd(b, z2, a62);
            b = TOps.Broadcast(Unsafe.Add(ref at, 7 * tile));
            a70 = TOps.MultiplyAdd(b, z0, a70); a71 = TOps.MultiplyAdd(b, z1, a71); a72 = TOps.MultiplyAdd(b, z2, a72);
        }

        if (rows > 0)
        {
            ref var row0 = ref Unsafe.Add(ref destination, 0 * stride);
            TOps.AddTo(a00, ref Unsafe.Add(ref row0, 0 * w));
            TOps.AddTo(a01, ref Unsafe.Add(ref row0, 1 * w));
            TOps.AddTo(a02, ref Unsafe.Add(ref row0, 2 * w));
        }

        if (rows > 1)
        {
            ref var row1 = ref Unsafe.Add(ref destination, 1 * stride);
            TOps.AddTo(a10, ref Unsafe.Add(ref row1, 0 * w));
            TOps.AddTo(a11, ref Unsafe.Add(ref row1, 1 * w));
            TOps.AddTo(a12, ref Unsafe.Add(ref row1, 2 * w));
        }

        if (rows > 2)
        {
            ref var row2 = ref Unsafe.Add(ref destination, 2 * stride);
            TOps.AddTo(a20, ref Unsafe.Add(ref row2, 0 * w));
            TOps.AddTo(a21, ref Unsafe.Add(ref row2, 1 * w));
            TOps.AddTo(a22, ref Unsafe.Add(ref row2, 2 * w));
        }

        if (rows > 3)
        {
            ref var row3 = ref Unsafe.Add(ref destination, 3 * stride);
            TOps.AddTo(a30, ref Unsafe.Add(ref row3, 0 * w));
            TOps.AddTo(a31, ref Unsafe.Add(ref row3, 1 * w));
            TOps.AddTo(a32, ref Unsafe.Add(ref row3, 2 * w));
        }

        if (rows > 4)
        {
            ref var row4 = ref Unsafe.Add(ref destination, 4 * stride);
            TOps.AddTo(a40, ref Unsafe.Add(ref row4, 0 * w));
            TOps.AddTo(a41, ref Unsafe.Add(ref row4, 1 * w));
            TOps.AddTo(a42, ref Unsafe.Add(ref row4, 2 * w));
        }

        if (rows > 5)
        {
            ref var row5 = ref Unsafe.Add(ref destination, 5 * stride);
            TOps.AddTo(a50, ref Unsafe.Add(ref row5, 0 * w));
            TOps.AddTo(a51, ref Unsafe.Add(ref row5, 1 * w));
            TOps.AddTo(a52, ref Unsafe.Add(ref row5, 2 * w));
        }

        if (rows > 6)
        {
            ref var row6 = ref Unsafe.Add(ref destination, 6 * stride);
            TOps.AddTo(a60, ref Unsafe.Add(ref row6, 0 * w));
            TOps.AddTo(a61, ref Unsafe.Add(ref row6, 1 * w));
            TOps.AddTo(a62, ref Unsafe.Add(ref row6, 2 * w));
        }

        if (rows > 7)
        {
            ref var row7 = ref Unsafe.Add(ref destination, 7 * stride);
            TOps.AddTo(a70, ref Unsafe.Add(ref row7, 0 * w));
            TOps.AddTo(a71, ref Unsafe.Add(ref row7, 1 * w));
            TOps.AddTo(a72, ref Unsafe.Add(ref row7, 2 * w));
        }
    }
}
