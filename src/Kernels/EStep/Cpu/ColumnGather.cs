using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The row-major → feature-major copy of a float32 tile with AVX2 gathers: one instruction moves 8 rows of a
/// feature (the scalar copy is store-bound at one element per cycle and showed up at ~20% of a diag E-step).
/// </summary>
internal static class ColumnGather
{
    /// <summary>
    /// <c>columns[j, t] = rows[t, j]</c> for j &lt; D and every row of the tile; <paramref name="rows"/> has row
    /// stride Dp. Needs <see cref="Avx2.IsSupported"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Transpose(ref float rows, int d, int dp, ref float columns)
    {
        const int tile = MixtureLayout.TileRows;
        var index = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * Vector256.Create(dp);
        // Both buffers live on the pinned heap (AlignedArray): their addresses never move.
        var source = (float*)Unsafe.AsPointer(ref rows);
        var target = (float*)Unsafe.AsPointer(ref columns);
        for (var v = 0; v < tile; v += 8)
        {
            var block = source + (v * dp);
            for (var j = 0; j < d; j++)
            {
                Avx2.GatherVector256(block + j, index, 4).Store(target + (j * tile) + v);
            }
        }
    }
}
