using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The fused E-step of one loaded tile: densities of every component, log-sum-exp and responsibilities, then the
/// statistics, added to the workspace's float64 block statistics. No N×K array exists: ρ lives for one tile.
/// </summary>
internal static class MixtureTile<TOps, TVec, T>
    where TOps : struct, ISimd<TVec, T>
    where TVec : struct
    where T : unmanaged
{
    /// <summary>Processes the n valid rows of the tile in <paramref name="ws"/> under <paramref name="model"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Process(PreparedMixture<T> model, TileWorkspace<T> ws, int n)
    {
        var type = model.Layout.Type;
        switch (type)
        {
            case CovarianceType.Full:
                FullNorms(model, ws);
                break;
            case CovarianceType.Tied:
                TiedNorms(model, ws);
                break;
            default:
                DiagonalNorms(model, ws, ref ws.Columns);
                break;
        }

        ws.FetchPart(1, 2);
        Responsibilities(model, ws, n, logsReady: type != CovarianceType.Full);
        switch (type)
        {
            case CovarianceType.Full:
                FullMoments(model, ws, n);
                break;
            case CovarianceType.Tied:
                TiedMoments(model, ws, n);
                break;
            default:
                DiagonalMoments(model, ws, n);
                break;
        }

        ws.FetchPart(2, 2);
    }

    private static ref T At(T[] array, int index) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), index);

    /// <summary>‖y_tk‖² of every row of the loaded tile into <c>ws.Norms[k × TileRows + t]</c> (full covariances).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void FullNorms(PreparedMixture<T> model, TileWorkspace<T> ws)
    {
        const int tile = MixtureLayout.TileRows;
        var layout = model.Layout;
        int d = layout.Features, h = layout.Height;
        for (var k = 0; k < layout.Components; k++)
        {
            ws.Norms.Span.Slice(k * tile, tile).Clear();
            TriangularNormKernel.Run<TOps, TVec, T>(
                ref ws.Columns, ref At(model.Triangular, k * d * h), ref At(model.Offset, k * h), d, h,
                ref Unsafe.Add(ref ws.Norms.Start, k * tile), false, ref ws.Projected.Start);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TiedNorms(PreparedMixture<T> model, TileWorkspace<T> ws)
    {
        var layout = model.Layout;
        ws.LogSum.Span.Clear();
        TriangularNormKernel.Run<TOps, TVec, T>(
            ref ws.Columns, ref At(model.Triangular, 0), ref At(model.Offset, 0), layout.Features,
            layout.Height, ref ws.LogSum.Start, true, ref ws.Projected.Start);
        DiagonalNorms(model, ws, ref ws.Projected.Start);
    }

    /// <summary>b_k − ½ q_tk of every row into <c>ws.Norms</c> and its maximum over k into <c>ws.LogSum</c>
    /// (diagonal and spherical covariances; the columns are the loaded tile's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DiagonalNorms(PreparedMixture<T> model, TileWorkspace<T> ws, ref T columns) =>
        DiagonalNormKernel.Run<TOps, TVec, T>(
            ref columns, ref At(model.Scale, 0), ref At(model.Shift, 0), ref At(model.Bias, 0),
            ref At(model.NormScale, 0), model.Layout.Features, model.Layout.PaddedComponents,
            model.Layout.Type != CovarianceType.Diag, ref ws.Norms.Start, ref ws.LogSum.Start);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Responsibilities(PreparedMixture<T> model, TileWorkspace<T> ws, int n, bool logsReady)
    {
        ResponsibilityKernel.Run<TOps, TVec, T>(
            ref ws.Norms.Start, ref At(model.Bias, 0), model.Layout.Components, ref ws.Weights.Start,
            ref ws.LogSum.Start, logsReady);
        TileSums.AddLogLikelihood(ref ws.LogSum.Start, ws.RawWeights, ws.Block);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void FullMoments(PreparedMixture<T> model, TileWorkspace<T> ws, int n)
    {
        const int tile = MixtureLayout.TileRows;
        var layout = model.Layout;
        int d = layout.Features, dp = layout.PaddedFeatures;
        var block = ws.Block;
        for (var k = 0; k < layout.Components; k++)
        {
            ref var rho = ref Unsafe.Add(ref ws.Norms.Start, k * tile);
            ref var active = ref ws.Active[0];
            var count = MomentKernels.ActiveRows<TOps, TVec, T>(ref rho, n, ref active);
            if (count == 0)
            {
                continue; // every responsibility underflowed: nothing to add
            }

            block.N[k] += TileSums.Mass(ref rho);
            ref var centre = ref At(model.Centres, k * dp);
            MomentKernels.CentreColumns<TOps, TVec, T>(
                ref ws.Columns, ref centre, d, ref rho, ref ws.Scaled.Start);
            MomentKernels.FirstMoment<TOps, TVec, T>(
                ref rho, ref ws.Rows, ref centre, dp, ref active, count, ref block.S1[k * dp]);
            MomentKernels.SecondMoments<TOps, TVec, T>(
                ref ws.Scaled.Start, ref ws.Rows, ref centre, d, dp, ref active, count,
                ref block.S2[k * dp * dp]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TiedMoments(PreparedMixture<T> model, TileWorkspace<T> ws, int n)
    {
        const int tile = MixtureLayout.TileRows;
        var layout = model.Layout;
        int d = layout.Features, dp = layout.PaddedFeatures;
        var block = ws.Block;
        ref var centre = ref At(model.Centres, 0); // one shared shift
        ref var weighted = ref ws.WeightedRows[0];
        var weightedCount = MomentKernels.ActiveRows<TOps, TVec, T>(ref ws.Weights.Start, n, ref weighted);
        MomentKernels.CentreColumns<TOps, TVec, T>(
            ref ws.Columns, ref centre, d, ref ws.Weights.Start, ref ws.Scaled.Start);
        MomentKernels.SecondMoments<TOps, TVec, T>(
            ref ws.Scaled.Start, ref ws.Rows, ref centre, d, dp, ref weighted, weightedCount, ref block.S2[0]);
        MomentKernels.FirstMoment<TOps, TVec, T>(
            ref ws.Weights.Start, ref ws.Rows, ref centre, dp, ref weighted, weightedCount,
            ref block.WeightedSum[0]);
        for (var k = 0; k < layout.Components; k++)
        {
            ref var rho = ref Unsafe.Add(ref ws.Norms.Start, k * tile);
            ref var active = ref ws.Active[0];
            var count = MomentKernels.ActiveRows<TOps, TVec, T>(ref rho, n, ref active);
            if (count != 0)
            {
                block.N[k] += TileSums.Mass(ref rho);
                MomentKernels.FirstMoment<TOps, TVec, T>(
                    ref rho, ref ws.Rows, ref centre, dp, ref active, count, ref block.S1[k * dp]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DiagonalMoments(PreparedMixture<T> model, TileWorkspace<T> ws, int n)
    {
        const int tile = MixtureLayout.TileRows;
        var dp = model.Layout.PaddedFeatures;
        var block = ws.Block;
        for (var k = 0; k < model.Layout.Components; k++)
        {
            ref var rho = ref Unsafe.Add(ref ws.Norms.Start, k * tile);
            ref var active = ref ws.Active[0];
            var count = MomentKernels.ActiveRows<TOps, TVec, T>(ref rho, n, ref active);
            if (count != 0)
            {
                block.N[k] += TileSums.Mass(ref rho);
                MomentKernels.DiagonalMoments<TOps, TVec, T>(
                    ref rho, ref ws.Rows, ref At(model.Centres, k * dp), dp, ref active, count,
                    ref block.S1[k * dp], ref block.S2[k * dp]);
            }
        }
    }
}
