using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Synthetic;

/// <summary>Random but reasonable "true" HMMs for demos and benchmarks (<c>aimass gen hmm</c>).</summary>
public static class SyntheticHmms
{
    /// <summary>
    /// A Gaussian HMM of <paramref name="states"/> states in <paramref name="features"/> dimensions: start and
    /// emission parameters are those of <see cref="SyntheticMixtures.Random"/> with the same seed (π = its weights,
    /// μ and Σ its means and covariances); transitions from <see cref="StickyTransitions"/>.
    /// </summary>
    public static HmmParameters Gaussian(int states, int features, CovarianceType type, int seed)
    {
        if (states < 1 || features < 1)
        {
            throw new InvalidInputException($"--states {states} and --features {features} must be at least 1.");
        }

        var mixture = SyntheticMixtures.Random(states, features, type, seed);
        return HmmParameters.CreateGaussian(
            type, mixture.Weights.ToArray(), StickyTransitions(states, new Random(unchecked(seed + 1))),
            mixture.Means.ToArray(), mixture.Covariances.ToArray(), features);
    }

    /// <summary>
    /// A categorical HMM of <paramref name="states"/> states over <paramref name="symbols"/> symbols: π ∝ 1 + U(0, 1),
    /// transitions from <see cref="StickyTransitions"/>, every emission row a flat-Dirichlet draw (normalised
    /// Exp(1) deviates), so states emit visibly different symbol frequencies.
    /// </summary>
    public static HmmParameters Categorical(int states, int symbols, int seed)
    {
        if (states < 1 || symbols < 1)
        {
            throw new InvalidInputException($"--states {states} and --symbols {symbols} must be at least 1.");
        }

        var random = new Random(seed);
        var start = new double[states];
        for (var c = 0; c < states; c++)
        {
            start[c] = 1 + random.NextDouble();
        }

        ProbabilityVector.Normalise(start);
        var transitions = StickyTransitions(states, random);
        var table = new double[states * symbols];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = -Math.Log(1.0 - random.NextDouble());
        }

        for (var c = 0; c < states; c++)
        {
            ProbabilityVector.Normalise(table.AsSpan(c * symbols, symbols));
        }

        return HmmParameters.CreateCategorical(start, transitions, table, symbols);
    }

    /// <summary>
    /// <c>[S × S]</c> transitions that favour staying: A_rr = 0.6 + 0.3·U(0, 1) (mean dwell 2.5–10 steps), the rest
    /// of each row spread ∝ 1 + U(0, 1) over the other states (a one-state model has A = [1]).
    /// </summary>
    public static double[] StickyTransitions(int states, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var transitions = new double[states * states];
        for (var r = 0; r < states; r++)
        {
            var row = transitions.AsSpan(r * states, states);
            if (states == 1)
            {
                row[0] = 1;
                continue;
            }

            var stay = 0.6 + (0.3 * random.NextDouble());
            var others = 0.0;
            for (var c = 0; c < states; c++)
            {
                row[c] = c == r ? 0 : 1 + random.NextDouble();
                others += row[c];
            }

            for (var c = 0; c < states; c++)
            {
                row[c] = c == r ? stay : (1 - stay) * row[c] / others;
            }
        }

        return transitions;
    }
}
