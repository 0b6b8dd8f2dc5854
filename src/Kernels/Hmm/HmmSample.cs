namespace AiMass.Kernels.Hmm;

/// <summary>
/// Sequences drawn from an HMM: observations, the hidden states behind them, and the sequence lengths.
/// </summary>
/// <param name="Observations">Rows <c>[N × F]</c>, row-major: Gaussian vectors, or one symbol per row.</param>
/// <param name="Features">F: D for Gaussian emissions, 1 for categorical.</param>
/// <param name="States">The hidden state of every row, <c>[N]</c>.</param>
/// <param name="Lengths">Sequence lengths in row order, <c>[sequences]</c>; they add up to N.</param>
public sealed record HmmSample(double[] Observations, int Features, int[] States, int[] Lengths);
