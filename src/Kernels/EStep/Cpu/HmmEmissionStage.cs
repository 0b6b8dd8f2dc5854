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
/// per-state constant log det U_s − ½ D log 2π is added in float64, and the exponentials are float64: after the
/// max-shift they span e^−745..1 as in the reference, so no state the reference keeps alive underflows here.
/// Categorical: e_t = B[:, x_t] / max_s B[s, x_t] from a table.
/// </remarks>
internal static class HmmEmissionStage<TOps, TVec, T, DOps, DVec>
    where TOps : struct, ISimd<TVec, T>
    where TVec : struct
    where T : unmanaged
    where DOps : struct, ISimd<DVec, double>
    where DVec : struct
{
    /// <summary>
    /// Emissions of the <paramref name="length"/> rows from partition row <paramref name="first"/>; categorical
    /// symbols are checked and a bad one reported by its row in the file.
    /// </summary>
    public static void Run(
        PreparedHmm<T> model, HmmWorkspace<T> ws, DataPartition partition, double[] centre, long first, int length,
        CancellationToken cancellationToken)
    {
        const int tile = MixtureLayout.TileRows;
        for (var t0 = 0; t0 < length; t0 += tile)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = Math.Min(tile, length - t0);
            if (model.Mixture is { } mixture)
            {
                GaussianTile(model, mixture, ws, partition, centre, first + t0, t0, n);
            }
            else
            {
                SymbolTile(model, ws, partition, first + t0, t0, n);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GaussianTile(
        PreparedHmm<T> model, PreparedMixture<T> mixture, HmmWorkspace<T> ws, DataPartition partition,
        double[] centre, long row, int t0, int n)
    {
        const int tile = MixtureLayout.TileRows;
        var tileWs = ws.Tile!;
        TileLoader.Load<TOps, TVec, T>(partition, row, n, centre, tileWs);
        var full = mixture.Layout.Type == CovarianceType.Full;
        if (full)
        {
            MixtureTile<TOps, TVec, T>.FullNorms(mixture, tileWs); // ‖y‖²
        }
        else
        {
            MixtureTile<TOps, TVec, T>.DiagonalNorms(mixture, tileWs, ref tileWs.Columns.Start); // −½‖y‖²
        }

        int s = model.States, sp = model.PaddedStates;
        var factor = full ? -0.5 : 1.0;
        ref var norms = ref tileWs.Norms.Start;
        ref var constant = ref MemoryMarshal.GetArrayDataReference(model.LogNormalizers);
        ref var emissions = ref MemoryMarshal.GetArrayDataReference(ws.Emissions);
        for (var t = 0; t < n; t++)
        {
            ref var e = ref Unsafe.Add(ref emissions, (t0 + t) * sp);
            var max = double.NegativeInfinity;
            for (var c = 0; c < s; c++)
            {
                var logDensity = Unsafe.Add(ref constant, c)
                    + (factor * TOps.ToDouble(Unsafe.Add(ref norms, (c * tile) + t)));
                Unsafe.Add(ref e, c) = logDensity;
                max = Math.Max(max, logDensity);
            }

            for (var c = s; c < sp; c++)
            {
                Unsafe.Add(ref e, c) = double.NegativeInfinity;
            }

            StateVectorKernels.ShiftedExp<DOps, DVec>(ref e, max, sp);
            ws.Shift[t0 + t] = max;
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
