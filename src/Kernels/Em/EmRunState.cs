namespace AiMass.Kernels.Em;

/// <summary>A checkpoint of one initialisation's run: enough to continue it exactly.</summary>
/// <param name="Init">0-based initialisation index.</param>
/// <param name="Parameters">Its current parameters (the next E-step's, or the fitted model when finished).</param>
/// <param name="History">Its iterations so far.</param>
/// <param name="Converged">Whether it converged.</param>
public sealed record EmRunState(
    int Init, ModelParameters Parameters, IReadOnlyList<IterationRecord> History, bool Converged);
