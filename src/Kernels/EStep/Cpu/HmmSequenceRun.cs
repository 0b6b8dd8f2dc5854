using AiMass.Kernels.Hmm;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// The E-step of one sequence on one compute thread: emissions tile by tile, the forward pass, then the backward
/// pass tile by tile from the end, each finished tile's γ turned into statistics at once (its rows and γ are
/// still in cache). Time O(T·(S² + S·D²)) as the reference; memory O(T·Sp).
/// </summary>
internal static class HmmSequenceRun<TOps, TVec, T, DOps, DVec>
    where TOps : struct, ISimd<TVec, T>
    where TVec : struct
    where T : unmanaged
    where DOps : struct, ISimd<DVec, double>
    where DVec : struct
{
    /// <summary>
    /// Adds sequence <paramref name="index"/> (rows <c>[first, first + length)</c> of the partition, tiles from
    /// <paramref name="firstTile"/>) to the workspace's block; throws <see cref="InvalidInputException"/> when it
    /// has probability zero.
    /// </summary>
    public static void Run(
        PreparedHmm<T> model, HmmWorkspace<T> ws, TileSource<T> source, int index, long first, int length,
        int firstTile, CancellationToken cancellationToken)
    {
        var partition = source.Partition;
        const int tile = MixtureLayout.TileRows;
        ws.Reserve(length);
        HmmEmissionStage<TOps, TVec, T, DOps, DVec>.Run(
            model, ws, source, first, length, firstTile, cancellationToken);
        var logLikelihood = HmmRecursions<DOps, DVec>.Forward(model, ws, length, cancellationToken);
        if (double.IsNegativeInfinity(logLikelihood))
        {
            throw ReferenceHmmEStep.Impossible(
                index, HmmSequences.Origin(partition.Rows) + first, length, partition.Rows.Name);
        }

        for (var t0 = (length - 1) / tile * tile; t0 >= 0; t0 -= tile)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(t0 + tile, length);
            HmmRecursions<DOps, DVec>.BackwardTile(model, ws, t0, end, length);
            HmmMomentStage<TOps, TVec, T, DOps, DVec>.Run(
                model, ws, source, first + t0, t0, end - t0, firstTile + (t0 / tile));
        }

        // The loop ends on the first tile: its γ rows start with γ_0.
        StateVectorKernels.Accumulate<DOps, DVec>(ref ws.TileGamma[0], ref ws.Block.Start[0], model.PaddedStates);
        ws.Block.LogLikelihood += logLikelihood;
        ws.Block.Sequences++;
    }
}
