using AiMass.Kernels.Hmm;

namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Turns the reduced device totals <c>Start | Z | Posterior | S1 | S2 | Counts | LL</c> (see
/// <see cref="HmmShape"/>) into <see cref="HmmStatistics"/>, exactly the reference's form.
/// </summary>
internal static class HmmDeviceStatistics
{
    /// <summary>
    /// Splits <paramref name="totals"/> and forms Σ_t ξ_t(r, s) = A_rs Z_rs. The kernels write only the lower
    /// triangle of full S2 blocks, which <see cref="HmmStatistics"/> treats as authoritative and mirrors.
    /// </summary>
    public static HmmStatistics Assemble(
        HmmParameters parameters, HmmShape shape, double[] totals, long rows, long sequences)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(totals);
        var s = shape.States;
        var transitions = totals.AsSpan(shape.PairOffset, s * s).ToArray();
        for (var i = 0; i < transitions.Length; i++)
        {
            transitions[i] *= parameters.Transitions[i];
        }

        return new HmmStatistics(
            parameters.Emission, s, parameters.Features, parameters.Symbols, totals.AsSpan(0, s).ToArray(),
            transitions, totals.AsSpan(shape.PosteriorOffset, s).ToArray(),
            totals.AsSpan(shape.FirstMomentOffset, shape.FirstMomentLength).ToArray(),
            totals.AsSpan(shape.SecondMomentOffset, shape.SecondMomentLength).ToArray(),
            totals.AsSpan(shape.CountsOffset, shape.CountsLength).ToArray(), totals[shape.LikelihoodOffset], rows,
            sequences);
    }
}
