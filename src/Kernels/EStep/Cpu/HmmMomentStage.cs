using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AiMass.Kernels.Data;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The γ-weighted statistics of one tile of a sequence once the backward pass has produced its γ: occupancies
/// Σ γ_t in float64, and either the Gaussian moments through the mixture's moment kernels (γ in the element type T
/// plays the responsibilities; the tile's rows are read again) or the categorical symbol counts in float64.
/// </summary>
internal static class HmmMomentStage<TOps, TVec, T, DOps, DVec>
    where TOps : struct, ISimd<TVec, T>
    where TVec : struct
    where T : unmanaged
    where DOps : struct, ISimd<DVec, double>
    where DVec : struct
{
    /// <summary>
    /// Adds the statistics of steps <c>[t0, t0 + n)</c> (partition rows from <paramref name="row"/>, tile
    /// <paramref name="tile"/>) to the workspace's block.
    /// </summary>
    public static void Run(
        PreparedHmm<T> model, HmmWorkspace<T> ws, TileSource<T> source, long row, int t0, int n, int tile)
    {
        var sp = model.PaddedStates;
        ref var gamma = ref MemoryMarshal.GetArrayDataReference(ws.TileGamma);
        ref var posterior = ref MemoryMarshal.GetArrayDataReference(ws.Block.Posterior);
        ref var counts = ref MemoryMarshal.GetArrayDataReference(ws.Block.SymbolCounts);
        for (var t = 0; t < n; t++)
        {
            StateVectorKernels.Accumulate<DOps, DVec>(ref Unsafe.Add(ref gamma, t * sp), ref posterior, sp);
        }

        if (model.Mixture is { } mixture)
        {
            GaussianMoments(model, mixture, ws, source, tile, row, n);
            return;
        }

        for (var t = 0; t < n; t++)
        {
            StateVectorKernels.Accumulate<DOps, DVec>(
                ref Unsafe.Add(ref gamma, t * sp), ref Unsafe.Add(ref counts, ws.Symbols[t0 + t] * sp), sp);
        }
    }

    /// <summary>
    /// Loads the tile's rows again (streamed or resident), puts its γ where the mixture kernels expect
    /// responsibilities, then runs the moment kernels per state over the rows where γ ≠ 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GaussianMoments(
        PreparedHmm<T> model, PreparedMixture<T> mixture, HmmWorkspace<T> ws, TileSource<T> source, int index,
        long row, int n)
    {
        const int tile = MixtureLayout.TileRows;
        var tileWs = ws.Tile!;
        source.Load<TOps, TVec>(index, row, n, tileWs);
        GammaToNorms(model, ws, tileWs, n);
        var layout = mixture.Layout;
        int d = layout.Features, dp = layout.PaddedFeatures;
        var moments = ws.Block.Moments!;
        ref var active = ref tileWs.Active[0];
        for (var c = 0; c < model.States; c++)
        {
            ref var rho = ref Unsafe.Add(ref tileWs.Norms.Start, c * tile);
            var count = MomentKernels.ActiveRows<TOps, TVec, T>(ref rho, n, ref active);
            if (count == 0)
            {
                continue;
            }

            ref var shift = ref mixture.Centres[c * dp];
            if (layout.Type == CovarianceType.Full)
            {
                MomentKernels.CentreColumns<TOps, TVec, T>(
                    ref tileWs.Columns, ref shift, d, ref rho, ref tileWs.Scaled.Start);
                MomentKernels.FirstMoment<TOps, TVec, T>(
                    ref rho, ref tileWs.Rows, ref shift, dp, ref active, count, ref moments.S1[c * dp]);
                MomentKernels.SecondMoments<TOps, TVec, T>(
                    ref tileWs.Scaled.Start, ref tileWs.Rows, ref shift, d, dp, ref active, count,
                    ref moments.S2[c * dp * dp]);
            }
            else
            {
                MomentKernels.DiagonalMoments<TOps, TVec, T>(
                    ref rho, ref tileWs.Rows, ref shift, dp, ref active, count, ref moments.S1[c * dp],
                    ref moments.S2[c * dp]);
            }
        }
    }

    /// <summary>
    /// γ of the tile's n rows into <c>Norms</c> (state-major, element type T, zero past n) with values below
    /// e^cutoff set to zero: the mixture's responsibility cutoff, below T's resolution and subnormal in float32
    /// (subnormal operands slow every later FMA).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GammaToNorms(PreparedHmm<T> model, HmmWorkspace<T> ws, TileWorkspace<T> tileWs, int n)
    {
        const int tile = MixtureLayout.TileRows;
        int s = model.States, sp = model.PaddedStates;
        ref var norms = ref tileWs.Norms.Start;
        tileWs.Norms.Span.Clear();
        for (var t = 0; t < n; t++)
        {
            ref var g = ref ws.TileGamma[t * sp];
            for (var c = 0; c < s; c++)
            {
                Unsafe.Add(ref norms, (c * tile) + t) = TOps.FromDouble(Unsafe.Add(ref g, c));
            }
        }

        var smallest = TOps.Broadcast(TOps.FromDouble(Math.Exp(ResponsibilityKernel.Cutoff<T>())));
        for (var i = 0; i < s * tile; i += TOps.Width)
        {
            ref var value = ref Unsafe.Add(ref norms, i);
            var x = TOps.Load(ref value);
            TOps.Store(TOps.ZeroBelow(x, x, smallest), ref value);
        }
    }
}
