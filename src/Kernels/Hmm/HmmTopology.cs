namespace AiMass.Kernels.Hmm;

/// <summary>
/// Structural patterns of an HMM's start probabilities and transitions, and swapping parts between models (for
/// hmmlearn's <c>init_params</c>): a zero in π or A stays exactly zero through Baum-Welch (<see cref="HmmMStep"/>).
/// </summary>
public static class HmmTopology
{
    /// <summary>
    /// Left-right (Bakis): start in state 0 (π = e_0); state i stays with probability ½ or moves to i + 1 with ½;
    /// the last state is absorbing. Every other entry is a structural zero.
    /// </summary>
    public static (double[] Start, double[] Transitions) LeftRight(int states)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(states);
        var start = new double[states];
        start[0] = 1;
        var transitions = new double[states * states];
        for (var i = 0; i < states - 1; i++)
        {
            transitions[(i * states) + i] = 0.5;
            transitions[(i * states) + i + 1] = 0.5;
        }

        transitions[(states * states) - 1] = 1;
        return (start, transitions);
    }

    /// <summary>Parses <c>--topology</c>: null or ergodic (none), left-right.</summary>
    public static bool IsLeftRight(string? topology) => topology?.Trim().ToLowerInvariant() switch
    {
        null or "ergodic" => false,
        "left-right" or "leftright" or "bakis" => true,
        _ => throw new InvalidInputException(
            $"--topology {Input.Excerpt.Of(topology)}: use left-right (or ergodic, the default)."),
    };

    /// <summary>
    /// <paramref name="target"/> with the parts named by <paramref name="letters"/> (s, t, m, c, e) taken from
    /// <paramref name="source"/> (same shape); the arrays are copied exactly.
    /// </summary>
    public static HmmParameters Take(HmmParameters target, HmmParameters source, string letters)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(letters);
        double[] Pick(char letter, IEnumerable<double> from, IEnumerable<double> to) =>
            letters.Contains(letter, StringComparison.Ordinal) ? [.. from] : [.. to];
        var start = Pick('s', source.StartProbabilities, target.StartProbabilities);
        var transitions = Pick('t', source.Transitions, target.Transitions);
        if (target.Emission == HmmEmission.Categorical)
        {
            return HmmParameters.CreateCategorical(
                start, transitions, Pick('e', source.EmissionProbabilities, target.EmissionProbabilities),
                target.Symbols);
        }

        return HmmParameters.CreateGaussian(
            target.Emission.CovarianceType(), start, transitions, Pick('m', source.Means, target.Means),
            Pick('c', source.Covariances, target.Covariances), target.Features);
    }

    /// <summary><paramref name="model"/> with a new start vector and transition matrix.</summary>
    public static HmmParameters WithChain(HmmParameters model, double[] start, double[] transitions)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Emission == HmmEmission.Categorical
            ? HmmParameters.CreateCategorical(start, transitions, [.. model.EmissionProbabilities], model.Symbols)
            : HmmParameters.CreateGaussian(
                model.Emission.CovarianceType(), start, transitions, [.. model.Means], [.. model.Covariances],
                model.Features);
    }
}
