using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AiMass.Kernels.Data;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// Reads one tile of a partition as float64, subtracts the partition centre m_p in float64, rounds to the
/// element type and writes the rows in both layouts the kernels need (row-major and feature-major) into a
/// workspace's own buffers (<see cref="TileSource{T}"/> decides between this and a resident copy).
/// </summary>
internal static class TileLoader
{
    /// <summary>
    /// Loads rows <c>[first, first + n)</c> (n ≤ TileRows) of <paramref name="partition"/> into
    /// <paramref name="workspace"/>'s own buffers and makes them its current tile; rows past n are zero with
    /// weight zero. Several compute threads read at once (<see cref="IRowSource"/> reads are safe to run
    /// concurrently).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Load<TOps, TVec, T>(
        DataPartition partition, long first, int n, double[] centre, TileWorkspace<T> workspace)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        const int tile = MixtureLayout.TileRows;
        var layout = workspace.Layout;
        int d = layout.Features, dp = layout.PaddedFeatures;
        var raw = workspace.Raw.AsSpan(0, n * d);
        var rawWeights = workspace.RawWeights;
        partition.Rows.Read(first, n, raw);
        if (partition.Weights is null)
        {
            UnitWeights<TOps, TVec, T>(workspace, n);
        }
        else
        {
            partition.Weights.Read(first, n, rawWeights.AsSpan(0, n));
            rawWeights.AsSpan(n).Clear();
            ConvertWeights<TOps, TVec, T>(workspace);
        }

        workspace.UseOwnBuffers();
        ref var rows = ref workspace.RowBuffer.Start;
        var w = TOps.Width;
        ref var m = ref centre[0];
        for (var t = 0; t < n; t++)
        {
            ref var x = ref raw[t * d];
            ref var row = ref Unsafe.Add(ref rows, t * dp);
            var j = 0;
            for (; j + w <= d; j += w)
            {
                var v = TOps.LoadCentred(ref Unsafe.Add(ref x, j), ref Unsafe.Add(ref m, j));
                TOps.Store(v, ref Unsafe.Add(ref row, j));
            }

            for (; j < d; j++)
            {
                Unsafe.Add(ref row, j) = TOps.FromDouble(Unsafe.Add(ref x, j) - centre[j]);
            }
        }

        if (n < tile)
        {
            workspace.RowBuffer.Span[(n * dp)..].Clear();
        }

        Transpose<TOps, TVec, T>(ref rows, layout, ref workspace.ColumnBuffer.Start);
    }

    /// <summary>
    /// The feature-major copy of a row-major tile: <c>columns[j, t] = rows[t, j]</c> for j &lt; D and every row
    /// of the tile (rows <c>[TileRows × Dp]</c>, columns <c>[H × TileRows]</c>; rows j ≥ D are left as they are).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose<TOps, TVec, T>(ref T rows, MixtureLayout layout, ref T columns)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        const int tile = MixtureLayout.TileRows;
        int d = layout.Features, dp = layout.PaddedFeatures;
        if (TOps.Width > 1 && Avx2.IsSupported)
        {
            ColumnGather.Transpose(ref rows, d, dp, ref columns); // Dp is a multiple of W ≥ 4
            return;
        }

        for (var j = 0; j < d; j++)
        {
            ref var column = ref Unsafe.Add(ref columns, j * tile);
            ref var source = ref Unsafe.Add(ref rows, j);
            for (var t = 0; t < tile; t++)
            {
                Unsafe.Add(ref column, t) = Unsafe.Add(ref source, t * dp);
            }
        }
    }

    /// <summary>The tile's weights in the element type: <c>Weights[t] = T(RawWeights[t])</c> for every row
    /// (float64 → float32 rounds as the scalar conversion does, so every path gets the same bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ConvertWeights<TOps, TVec, T>(TileWorkspace<T> workspace)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        const int tile = MixtureLayout.TileRows;
        workspace.UnitWeightRows = -1;
        ref var raw = ref workspace.RawWeights[0];
        ref var weights = ref workspace.Weights.Start;
        if (typeof(T) == typeof(double))
        {
            workspace.RawWeights.AsSpan(0, tile).CopyTo(
                MemoryMarshal.CreateSpan(ref Unsafe.As<T, double>(ref weights), tile));
            return;
        }

        if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated)
        {
            ref var target = ref Unsafe.As<T, float>(ref weights);
            for (var t = 0; t < tile; t += 8)
            {
                Vector256.Narrow(Vector256.LoadUnsafe(ref raw, (nuint)t), Vector256.LoadUnsafe(ref raw, (nuint)t + 4))
                    .StoreUnsafe(ref target, (nuint)t);
            }

            return;
        }

        for (var t = 0; t < tile; t++)
        {
            Unsafe.Add(ref weights, t) = TOps.FromDouble(Unsafe.Add(ref raw, t));
        }
    }

    /// <summary>
    /// Weight 1 for the first <paramref name="n"/> rows and 0 for the rest, in both weight arrays; nothing to do
    /// when the workspace holds exactly that already (an unweighted partition's tiles are all full but its last).
    /// </summary>
    public static void UnitWeights<TOps, TVec, T>(TileWorkspace<T> workspace, int n)
        where TOps : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged
    {
        if (workspace.UnitWeightRows == n)
        {
            return;
        }

        var rawWeights = workspace.RawWeights.AsSpan(0, MixtureLayout.TileRows);
        rawWeights[..n].Fill(1.0);
        rawWeights[n..].Clear();
        ConvertWeights<TOps, TVec, T>(workspace);
        workspace.UnitWeightRows = n;
    }
}
