using AiMass.Kernels.Data;
using AiMass.Kernels.Linalg;

namespace AiMass.Kernels.Hmm;

/// <summary>
/// The reference HMM E-step: per sequence, emission log-densities, the scaled <see cref="ForwardBackward"/>,
/// then the shifted statistics of <see cref="HmmStatistics"/>, all in float64. O(T·S² + T·S·D²) time and
/// O(T·(S + D)) memory per sequence.
/// </summary>
public static class ReferenceHmmEStep
{
    /// <summary>
    /// Statistics of <paramref name="partition"/> (its whole sequences) under <paramref name="parameters"/>.
    /// </summary>
    public static HmmStatistics Compute(
        DataPartition partition, HmmParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(parameters);
        CheckData(partition, parameters);
        var stats = HmmStatistics.Zero(parameters);
        var smoother = new ForwardBackward();
        var diff = new double[parameters.Features];
        var logLikelihood = 0.0;
        var sequences = 0;
        var name = partition.Rows.Name;
        HmmSequences.ForEachWithDensities(
            partition, parameters, cancellationToken, (index, first, length, rows, logB) =>
            {
                var sequenceLogLikelihood = smoother.Forward(parameters, logB, length);
                CheckPossible(sequenceLogLikelihood, partition, index, first, length);
                smoother.Backward(parameters, stats.Transitions);
                AddPosteriors(stats, parameters, rows, smoother.Posteriors, length, diff);
                logLikelihood += sequenceLogLikelihood;
                sequences++;
            });

        if (!double.IsFinite(stats.Posterior.Sum() + stats.Transitions.Sum()))
        {
            throw new InvalidOperationException(
                $"Forward-backward broke down numerically on {name}; the posteriors are not finite.");
        }

        return new HmmStatistics(
            parameters.Emission, parameters.States, parameters.Features, parameters.Symbols, stats.Start,
            stats.Transitions, stats.Posterior, stats.S1, stats.S2, stats.Counts, logLikelihood, partition.RowCount,
            sequences);
    }

    /// <summary>Checks that the partition's columns fit the model and that it carries no sample weights.</summary>
    internal static void CheckData(DataPartition partition, HmmParameters parameters)
    {
        if (partition.Weights is not null)
        {
            throw new InvalidInputException(
                $"{partition.Rows.Name}: HMMs take no sample weights; fit without --weights.");
        }

        if (parameters.Emission == HmmEmission.Categorical)
        {
            CategoricalSymbols.CheckColumns(partition.Rows);
        }
        else if (partition.Rows.Features != parameters.Features)
        {
            throw new InvalidInputException(
                $"{partition.Rows.Name} has {partition.Rows.Features} features but the model has " +
                $"{parameters.Features}.");
        }
    }

    /// <summary>
    /// Throws <see cref="Impossible"/> when sequence <paramref name="index"/> (<paramref name="length"/> rows from
    /// partition row <paramref name="first"/>) has log-probability −∞.
    /// </summary>
    internal static void CheckPossible(
        double logProbability, DataPartition partition, int index, long first, int length)
    {
        if (double.IsNegativeInfinity(logProbability))
        {
            throw Impossible(index, HmmSequences.Origin(partition.Rows) + first, length, partition.Rows.Name);
        }
    }

    /// <summary>The error for a sequence whose probability under the model is zero.</summary>
    internal static InvalidInputException Impossible(int index, long firstRow, int length, string source) =>
        new($"Sequence {index} (rows {firstRow}–{firstRow + length - 1} of {source}) has probability zero under " +
            "the model: a start, transition or emission it needs has probability 0. Smooth the initial model.");

    /// <summary>Adds one sequence's γ: start counts, occupancies and the emission statistics.</summary>
    private static void AddPosteriors(
        HmmStatistics stats, HmmParameters parameters, double[] rows, ReadOnlySpan<double> gamma, int length,
        double[] diff)
    {
        int s = parameters.States, d = parameters.Features, m = parameters.Symbols;
        var full = parameters.Emission == HmmEmission.GaussianFull;
        for (var c = 0; c < s; c++)
        {
            stats.Start[c] += gamma[c];
        }

        for (var t = 0; t < length; t++)
        {
            for (var c = 0; c < s; c++)
            {
                var g = gamma[(t * s) + c];
                stats.Posterior[c] += g;
                if (parameters.Emission == HmmEmission.Categorical)
                {
                    stats.Counts[(c * m) + (int)rows[t]] += g;
                    continue;
                }

                if (g == 0)
                {
                    continue;
                }

                var mean = parameters.Mean(c);
                for (var j = 0; j < d; j++)
                {
                    diff[j] = rows[(t * d) + j] - mean[j];
                    stats.S1[(c * d) + j] += g * diff[j];
                }

                AddSecondMoment(stats.S2, full, c, g, diff);
            }
        }
    }

    private static void AddSecondMoment(double[] s2, bool full, int c, double g, ReadOnlySpan<double> diff)
    {
        var d = diff.Length;
        if (full)
        {
            OuterProduct.AddScaled(s2.AsSpan(c * d * d, d * d), g, diff);
            return;
        }

        for (var j = 0; j < d; j++)
        {
            s2[(c * d) + j] += g * diff[j] * diff[j];
        }
    }
}
