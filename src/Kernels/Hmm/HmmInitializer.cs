using AiMass.Kernels.Init;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Hmm;

/// <summary>
/// Initial HMM parameters from a row sample, reproducible from (seed, initialisation index). Gaussian: means by
/// k-means++ and Lloyd (as hmmlearn's k-means init), every state's covariance the data covariance plus
/// <c>reg_covar</c> on its diagonal (hmmlearn adds <c>min_covar</c>). Categorical: each state's emission row is
/// the add-one-smoothed symbol frequency times a seeded factor in [0.5, 1.5), renormalised. Start and
/// transitions: <see cref="TransitionInit"/>.
/// </summary>
public static class HmmInitializer
{
    /// <summary>
    /// A Gaussian HMM with <paramref name="states"/> states; same arguments, same parameters. Cancelling
    /// <paramref name="cancellationToken"/> stops k-means within one pass over the sample.
    /// </summary>
    public static HmmParameters CreateGaussian(
        RowSample sample, int states, CovarianceType type, double regCovar, int seed, int initIndex,
        TransitionInit transitions = TransitionInit.Uniform, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sample);
        CheckStates(states, sample.Count);
        var random = Generator(seed, initIndex);
        var (start, transmat) = StartAndTransitions(states, transitions, random);
        var means = KMeans.Seed(sample, states, random, cancellationToken: cancellationToken);
        KMeans.Lloyd(sample, means, states, GaussianMixtureInitializer.LloydIterations, cancellationToken);
        var covariance = DataCovariance(sample, regCovar, cancellationToken);
        int d = sample.Features;
        var covariances = new double[type == CovarianceType.Full ? states * d * d : states * d];
        for (var c = 0; c < states; c++)
        {
            for (var j = 0; j < d; j++)
            {
                if (type == CovarianceType.Full)
                {
                    covariance.AsSpan(j * d, d).CopyTo(covariances.AsSpan((c * d * d) + (j * d), d));
                }
                else
                {
                    covariances[(c * d) + j] = covariance[(j * d) + j];
                }
            }
        }

        try
        {
            return HmmParameters.CreateGaussian(type, start, transmat, means, covariances, d);
        }
        catch (DegenerateComponentException e)
        {
            throw new DegenerateComponentException(
                e.Component,
                $"The data covariance is not positive definite (a constant or collinear feature): raise --reg-covar " +
                $"(now {regCovar:G3}) or use --covariance-type diag.");
        }
    }

    /// <summary>
    /// A categorical HMM over <paramref name="symbols"/> symbols; the sample's single column holds the symbols.
    /// Same arguments, same parameters.
    /// </summary>
    public static HmmParameters CreateCategorical(
        RowSample sample, int states, int symbols, int seed, int initIndex,
        TransitionInit transitions = TransitionInit.Uniform)
    {
        ArgumentNullException.ThrowIfNull(sample);
        CheckStates(states, int.MaxValue);
        if (sample.Features != 1)
        {
            throw new InvalidInputException(
                $"Categorical HMM data need exactly one column of symbols; the sample has {sample.Features}.");
        }

        var frequency = new double[symbols];
        Array.Fill(frequency, 1.0);
        for (var i = 0; i < sample.Count; i++)
        {
            frequency[CategoricalSymbols.Check(sample.Values[i], symbols, "the initialisation sample", i)] += 1;
        }

        var random = Generator(seed, initIndex);
        var (start, transmat) = StartAndTransitions(states, transitions, random);
        var emissions = new double[states * symbols];
        for (var c = 0; c < states; c++)
        {
            var row = emissions.AsSpan(c * symbols, symbols);
            for (var m = 0; m < symbols; m++)
            {
                row[m] = frequency[m] * (0.5 + random.NextDouble());
            }

            ProbabilityVector.Normalise(row);
        }

        return HmmParameters.CreateCategorical(start, transmat, emissions, symbols);
    }

    /// <summary>The generator for one initialisation (the same arithmetic mix as the mixture initialiser).</summary>
    private static Random Generator(int seed, int initIndex) => new(unchecked(seed + (initIndex * 1_000_003)));

    private static void CheckStates(int states, int sampleRows)
    {
        if (states < 1)
        {
            throw new InvalidInputException($"--states {states} must be at least 1.");
        }

        if (states > sampleRows)
        {
            throw new InvalidInputException(
                $"--states {states} is more than the {sampleRows} rows sampled for initialisation; lower --states.");
        }
    }

    private static (double[] Start, double[] Transitions) StartAndTransitions(
        int states, TransitionInit init, Random random)
    {
        var start = new double[states];
        var transitions = new double[states * states];
        if (init == TransitionInit.Uniform)
        {
            Array.Fill(start, 1.0 / states);
            Array.Fill(transitions, 1.0 / states);
            return (start, transitions);
        }

        // A flat Dirichlet draw is a vector of independent Exp(1) draws, normalised.
        FlatDirichlet(start, random);
        for (var r = 0; r < states; r++)
        {
            FlatDirichlet(transitions.AsSpan(r * states, states), random);
        }

        return (start, transitions);
    }

    private static void FlatDirichlet(Span<double> target, Random random)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = -Math.Log(1.0 - random.NextDouble());
        }

        ProbabilityVector.Normalise(target);
    }

    /// <summary>The weighted population covariance of the sample, <c>[D × D]</c>, plus reg on the diagonal.</summary>
    private static double[] DataCovariance(RowSample sample, double regCovar, CancellationToken cancellationToken)
    {
        int d = sample.Features;
        var (mean, total) = WeightedMean(sample);
        var covariance = new double[d * d];
        for (var i = 0; i < sample.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = sample.Row(i);
            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < d; b++)
                {
                    covariance[(a * d) + b] += sample.Weights[i] * (row[a] - mean[a]) * (row[b] - mean[b]);
                }
            }
        }

        for (var a = 0; a < d * d; a++)
        {
            covariance[a] /= total;
        }

        for (var j = 0; j < d; j++)
        {
            covariance[(j * d) + j] += regCovar;
        }

        return covariance;
    }

    private static (double[] Mean, double Total) WeightedMean(RowSample sample)
    {
        var mean = new double[sample.Features];
        var total = 0.0;
        for (var i = 0; i < sample.Count; i++)
        {
            total += sample.Weights[i];
            for (var j = 0; j < mean.Length; j++)
            {
                mean[j] += sample.Weights[i] * sample.Row(i)[j];
            }
        }

        for (var j = 0; j < mean.Length; j++)
        {
            mean[j] /= total;
        }

        return (mean, total);
    }
}
