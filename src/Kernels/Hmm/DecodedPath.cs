namespace AiMass.Kernels.Hmm;

/// <summary>A decoded state path over every row of a partition, with one log-probability per sequence.</summary>
/// <param name="States">The state of every row, <c>[rows]</c>, in row order.</param>
/// <param name="SequenceLogProbabilities">Per sequence, <c>[sequences]</c>: Viterbi — log p(X, best path);
/// posterior decoding — log p(X) (hmmlearn's <c>decode</c> returns the same numbers, summed).</param>
public sealed record DecodedPath(int[] States, double[] SequenceLogProbabilities);
