using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The shifted emissions of one sequence, tile by tile: e_t(s) = exp(log b_s(x_t) − m_t), m_t = max_s log b_s(x_t)
/// (as <see cref="ForwardBackward"/> shifts them), into the workspace's <c>[T × Sp]</c> rows and m_t.
/// </summary>
/// <remarks>
/// Gaussian: the quadratic forms come from the mixture kernels in the element type T (float32 in single precision:
/// the form x'·s − μ'·s in the centred frame keeps its error near ε₃₂·q, i.e. ≲ 1e−6 in log b for typical q), the
/// per-state constant log det U_s − ½ D log 2π is added in float64, and the exponentials are float64 (float32
/// would lose every state more than 87 nats below the best one, and with it sequences a left-right model only
/// allows through such states): after the max-shift they span e^−708..1, the reference's range less its
/// subnormal tail. Categorical: e_t = B[:, x_t] / max_s B[s, x_t] from a table.
/// </remarks>
internal static class HmmEmissionStage<TOps, TVec, T, DOps, DVec>
    where TOps : struct, ISimd<TVec, T>
    where TVec : struct
    where T : unmanaged
    where DOps : struct, ISimd<DVec, double>
    where DVec : struct
{
    /// <summary>Smallest exponent kept: e^−708 ≈ 3.3e−308 is the smallest normal float64 power of e.</summary>
    private const double Floor = -708;

    /// <summary>
    /// Emissions of the <paramref name="length"/> rows from partition row <paramref name="first"/> (tiles from
    /// <paramref name="firstTile"/>); categorical symbols are checked and a bad one reported by its row in the file.
    /// </summary>
    public static void Run(
        PreparedHmm<T> model, HmmWorkspace<T> ws, TileSource<T> source, long first, int length, int firstTile,
        CancellationToken cancellationToken)
    {
        const int tile = MixtureLayout.TileRows;
        for (var t0 = 0; t0 < length; t0 += tile)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = Math.Min(tile, length - t0);
            if (model.Mixture is { } mixture)
            {
                GaussianTile(model, mixture, ws, source, firstTile + (t0 / tile), first + t0, t0, n);
            }
            else
            {
                SymbolTile(model, ws, source.Partition, first + t0, t0, n);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GaussianTile(
        PreparedHmm<T> model, PreparedMixture<T> mixture, HmmWorkspace<T> ws, TileSource<T> source, int tile,
        long row, int t0, int n)
    {
        var tileWs = ws.Tile!;
        source.Load<TOps, TVec>(tile, row, n, tileWs);
        var full = mixture.Layout.Type == CovarianceType.Full;
        if (full)
        {
            MixtureTile<TOps, TVec, T>.FullNorms(mixture, tileWs); // ‖y‖²
        }
        else
        {
            MixtureTile<TOps, TVec, T>.DiagonalNorms(mixture, tileWs, ref tileWs.Columns); // −½‖y‖²
        }

        ref var densities = ref MemoryMarshal.GetArrayDataReference(ws.TileDensities);
        LogDensities(model, tileWs, full ? -0.5 : 1.0, ws.TileDensities);
        ShiftedExponentials(ref densities, model.States, ref MemoryMarshal.GetArrayDataReference(ws.TileShifts));
        int s = model.States, sp = model.PaddedStates;
        for (var t = 0; t < n; t++)
        {
            var e = ws.Emissions.AsSpan((t0 + t) * sp, sp);
            for (var c = 0; c < s; c++)
            {
                e[c] = Unsafe.Add(ref densities, (c * MixtureLayout.TileRows) + t);
            }

            e[s..].Clear();
            ws.Shift[t0 + t] = ws.TileShifts[t];
        }
    }

    /// <summary>
    /// ℓ_st = log det U_s − ½ D log 2π + factor · norms_st in float64, state-major <c>[S × TileRows]</c>
    /// (factor −½ for ‖y‖², 1 for the diagonal kernel's −½‖y‖²; both exact in T), widened a register at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LogDensities(PreparedHmm<T> model, TileWorkspace<T> tileWs, double factor, double[] target)
    {
        const int tile = MixtureLayout.TileRows;
        var scale = TOps.Broadcast(TOps.FromDouble(factor));
        ref var norms = ref tileWs.Norms.Start;
        ref var densities = ref MemoryMarshal.GetArrayDataReference(target);
        for (var c = 0; c < model.States; c++)
        {
            target.AsSpan(c * tile, tile).Fill(model.LogNormalizers[c]);
            for (var t = 0; t < tile; t += TOps.Width)
            {
                var i = (c * tile) + t;
                var scaled = TOps.Multiply(TOps.Load(ref Unsafe.Add(ref norms, i)), scale);
                TOps.AddTo(scaled, ref Unsafe.Add(ref densities, i));
            }
        }
    }

    /// <summary>
    /// Per row t of a state-major tile ℓ <c>[S × TileRows]</c>: m_t = max_s ℓ_st into <paramref name="shifts"/>
    /// and ℓ_st ← exp(ℓ_st − m_t), vectorised over rows (no horizontal reductions). Exponents below
    /// <see cref="Floor"/> give 0: their exponentials would be subnormal (slow in every later multiply), and the
    /// vector exp falls back to scalar code for arguments beyond ±709.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ShiftedExponentials(ref double logDensities, int s, ref double shifts)
    {
        const int tile = MixtureLayout.TileRows;
        var floor = DOps.Broadcast(Floor);
        for (var v = 0; v < tile; v += DOps.Width)
        {
            ref var column = ref Unsafe.Add(ref logDensities, v);
            var max = DOps.Load(ref column);
            for (var c = 1; c < s; c++)
            {
                max = DOps.Max(max, DOps.Load(ref Unsafe.Add(ref column, c * tile)));
            }

            DOps.Store(max, ref Unsafe.Add(ref shifts, v));
            for (var c = 0; c < s; c++)
            {
                ref var l = ref Unsafe.Add(ref column, c * tile);
                var exponent = DOps.Subtract(DOps.Load(ref l), max);
                DOps.Store(DOps.ExpAbove(exponent, floor), ref l);
            }
        }
    }

    private static void SymbolTile(PreparedHmm<T> model, HmmWorkspace<T> ws, DataPartition partition, long row,
        int t0, int n)
    {
        var raw = ws.Raw.AsSpan(0, n);
        partition.Rows.Read(row, n, raw);
        int m = model.Parameters.Symbols, sp = model.PaddedStates;
        var origin = HmmSequences.Origin(partition.Rows);
        for (var t = 0; t < n; t++)
        {
            var symbol = CategoricalSymbols.Check(raw[t], m, partition.Rows.Name, origin + row + t);
            ws.Symbols[t0 + t] = symbol;
            model.SymbolEmissions.AsSpan(symbol * sp, sp).CopyTo(ws.Emissions.AsSpan((t0 + t) * sp, sp));
            ws.Shift[t0 + t] = model.SymbolShifts[symbol];
        }
    }
}
