using AiMass.Kernels.Data;

namespace AiMass.Kernels.Hmm;

/// <summary>
/// Posterior ("MAP", hmmlearn <c>algorithm="map"</c>) decoding: the most likely state of every step on its own,
/// argmax_s γ_t(s), from the scaled <see cref="ForwardBackward"/>. Ties go to the lowest state index. A model with
/// structural zeros is decoded by <see cref="AllowedPathDecoder"/>, so the path never takes a zero transition.
/// </summary>
public static class PosteriorDecoder
{
    /// <summary>The per-step most likely states of every sequence of <paramref name="partition"/>.</summary>
    public static DecodedPath Decode(
        DataPartition partition, HmmParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(parameters);
        var states = new int[checked((int)partition.RowCount)];
        var zeros = AllowedPathDecoder.HasStructuralZeros(parameters);
        var logLikelihoods = Smooth(partition, parameters, cancellationToken, (first, length, gamma) =>
        {
            var s = parameters.States;
            if (zeros)
            {
                // Per-step argmax could step through a structural zero; the best allowed path cannot.
                AllowedPathDecoder.Decode(parameters, gamma, length, states.AsSpan(first, length));
                return;
            }

            for (var t = 0; t < length; t++)
            {
                states[first + t] = Viterbi.ArgMax(gamma.Slice(t * s, s));
            }
        });
        return new DecodedPath(states, logLikelihoods);
    }

    /// <summary>
    /// The posteriors γ of every row, <c>[rows × S]</c> (hmmlearn <c>predict_proba</c>), and the per-sequence
    /// log-likelihoods.
    /// </summary>
    public static (double[] Posteriors, double[] SequenceLogLikelihoods) Posteriors(
        DataPartition partition, HmmParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(parameters);
        var posteriors = new double[checked((int)partition.RowCount * parameters.States)];
        var logLikelihoods = Smooth(partition, parameters, cancellationToken, (first, length, gamma) =>
            gamma.CopyTo(posteriors.AsSpan(first * parameters.States, length * parameters.States)));
        return (posteriors, logLikelihoods);
    }

    /// <summary>
    /// Runs forward-backward per sequence and hands (first row, length, γ) to <paramref name="visit"/>.
    /// </summary>
    private static double[] Smooth(
        DataPartition partition, HmmParameters parameters, CancellationToken cancellationToken, PosteriorVisitor visit)
    {
        ReferenceHmmEStep.CheckData(partition, parameters);
        var logLikelihoods = new double[HmmSequences.Lengths(partition).Length];
        var smoother = new ForwardBackward();
        HmmSequences.ForEachWithDensities(partition, parameters, cancellationToken, (index, first, length, _, logB) =>
        {
            logLikelihoods[index] = smoother.Forward(parameters, logB, length);
            ReferenceHmmEStep.CheckPossible(logLikelihoods[index], partition, index, first, length);
            smoother.Backward(parameters, []);
            visit((int)first, length, smoother.Posteriors);
        });
        return logLikelihoods;
    }

    private delegate void PosteriorVisitor(int first, int length, ReadOnlySpan<double> gamma);
}
