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
        HmmSequences.ForEachWithDensities(partition, parameters, cancellationToken, (index, _, length, _, logB) =>
            scores[index] = smoother.Forward(parameters, logB, length));
        return scores;
    }
}
