using AiMass.Kernels.Data;

namespace AiMass.Kernels.Hmm;

/// <summary>
/// Per-sequence log-likelihoods log p(X_seq) by the scaled forward pass (hmmlearn <c>score</c> per sequence).
/// </summary>
public static class HmmScorer
{
    /// <summary>
    /// log p of every sequence of <paramref name="partition"/>, <c>[sequences]</c>; −∞ for a sequence the model
    /// cannot produce. Their sum is hmmlearn's <c>score(X, lengths)</c>.
    /// </summary>
    public static double[] Score(
        DataPartition partition, HmmParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(parameters);
        ReferenceHmmEStep.CheckData(partition, parameters);
        var scores = new double[HmmSequences.Lengths(partition).Length];
        var smoother = new ForwardBackward();
        var logDensities = Array.Empty<double>();
        var origin = HmmSequences.Origin(partition.Rows);
        HmmSequences.ForEach(partition, cancellationToken, (index, first, length, rows) =>
        {
            if (logDensities.Length < length * parameters.States)
            {
                logDensities = new double[length * parameters.States];
            }

            HmmEmissionDensity.LogDensities(
                parameters, rows, length, logDensities, partition.Rows.Name, origin + first);
            scores[index] = smoother.Forward(parameters, logDensities, length);
        });
        return scores;
    }
}
