namespace AiMass.Kernels.EStep.Gpu;

/// <summary>
/// Consecutive whole sequences of one device chunk that share the forward-backward workspace in one round of
/// kernel launches.
/// </summary>
/// <param name="FirstSequence">Index of the first sequence within the chunk.</param>
/// <param name="Sequences">Number of sequences.</param>
/// <param name="FirstRow">Chunk row where the batch starts.</param>
/// <param name="Rows">Rows of the batch (the sum of its lengths).</param>
internal readonly record struct HmmBatch(int FirstSequence, int Sequences, int FirstRow, int Rows);
