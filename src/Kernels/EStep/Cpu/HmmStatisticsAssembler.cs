using AiMass.Kernels.Hmm;

namespace AiMass.Kernels.EStep.Cpu;

/// <summary>
/// Turns the merged padded block total into <see cref="HmmStatistics"/>, in float64: transition counts
/// Σ_t ξ_t = A ⊙ P (0 where A has a structural zero), symbol counts transposed to <c>[S × M]</c>, and the Gaussian
/// moments moved from the rounded shifts ĉ_s to the exact c_s = μ_s by the mixture's
/// <see cref="StatisticsAssembler"/> (with N = Σ_t γ_t).
/// </summary>
internal static class HmmStatisticsAssembler
{
    /// <summary>The partition's statistics from the block total; throws when γ or ξ is not finite.</summary>
    public static HmmStatistics Assemble<T>(HmmBlockStatistics total, PreparedHmm<T> model, long rows, string source)
        where T : unmanaged
    {
        var parameters = model.Parameters;
        int s = parameters.States, sp = model.PaddedStates, m = parameters.Symbols;
        var start = total.Start.AsSpan(0, s).ToArray();
        var posterior = total.Posterior.AsSpan(0, s).ToArray();
        var transitions = new double[s * s];
        for (var r = 0; r < s; r++)
        {
            for (var c = 0; c < s; c++)
            {
                var a = parameters.Transitions[(r * s) + c];
                transitions[(r * s) + c] = a == 0 ? 0 : a * total.Pairs[(r * sp) + c];
            }
        }

        var counts = new double[s * m];
        for (var symbol = 0; symbol < m; symbol++)
        {
            for (var c = 0; c < s; c++)
            {
                counts[(c * m) + symbol] = total.SymbolCounts[(symbol * sp) + c];
            }
        }

        if (!double.IsFinite(posterior.Sum() + transitions.Sum()))
        {
            throw new InvalidOperationException(
                $"Forward-backward broke down numerically on {source}; the posteriors are not finite.");
        }

        var (s1, s2) = Moments(total, model, posterior, rows);
        return new HmmStatistics(
            parameters.Emission, s, parameters.Features, m, start, transitions, posterior, s1, s2, counts,
            total.LogLikelihood, rows, total.Sequences);
    }

    private static (double[] S1, double[] S2) Moments<T>(
        HmmBlockStatistics total, PreparedHmm<T> model, double[] posterior, long rows)
        where T : unmanaged
    {
        if (model.Mixture is not { } mixture || total.Moments is not { } moments)
        {
            return ([], []);
        }

        posterior.CopyTo(moments.N, 0);
        var shifted = StatisticsAssembler.Assemble(moments, mixture, rows);
        return (shifted.S1, shifted.S2);
    }
}
