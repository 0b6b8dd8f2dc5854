namespace AiMass.Kernels.Hmm;

/// <summary>
/// Posterior decoding that respects structural zeros ("posterior-Viterbi", Fariselli, Martelli and Casadio 2005):
/// the path s_0 … s_{T−1} that maximises Σ_t log γ_t(s_t) among the paths the model allows (π_{s_0} &gt; 0 and
/// A_{s_{t−1} s_t} &gt; 0). Per-step argmax can step through a zero transition (e.g. skip a state of a left-right
/// model); this cannot. Without zeros every path is allowed and the result is the per-step argmax (ties to the lowest
/// index either way), so <see cref="PosteriorDecoder"/> uses it only for models that have zeros.
/// </summary>
public static class AllowedPathDecoder
{
    /// <summary>True when π or A has an entry that is exactly zero.</summary>
    public static bool HasStructuralZeros(HmmParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.StartProbabilities.Contains(0.0) || parameters.Transitions.Contains(0.0);
    }

    /// <summary>Decodes one sequence from its posteriors γ (<c>[T × S]</c>) into <paramref name="path"/>.</summary>
    public static void Decode(HmmParameters parameters, ReadOnlySpan<double> gamma, int length, Span<int> path)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var s = parameters.States;
        var back = new int[length * s];
        var score = new double[s];
        var next = new double[s];
        for (var c = 0; c < s; c++)
        {
            score[c] = parameters.StartProbabilities[c] > 0 ? Math.Log(gamma[c]) : double.NegativeInfinity;
        }

        for (var t = 1; t < length; t++)
        {
            for (var c = 0; c < s; c++)
            {
                var best = double.NegativeInfinity;
                var arg = 0;
                for (var r = 0; r < s; r++)
                {
                    if (parameters.Transitions[(r * s) + c] > 0 && score[r] > best)
                    {
                        best = score[r];
                        arg = r;
                    }
                }

                back[(t * s) + c] = arg;
                next[c] = best + Math.Log(gamma[(t * s) + c]);
            }

            (score, next) = (next, score);
        }

        path[length - 1] = Viterbi.ArgMax(score);
        for (var t = length - 1; t > 0; t--)
        {
            path[t - 1] = back[(t * s) + path[t]];
        }
    }
}
