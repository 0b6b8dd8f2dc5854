namespace AiMass.Kernels.Em;

/// <summary>A checkpoint of one initialisation's run: enough to continue it exactly.</summary>
/// <param name="Init">0-based initialisation index.</param>
/// <param name="Parameters">Its current parameters (the next E-step's, or the fitted model when finished).</param>
/// <param name="History">Its iterations so far.</param>
/// <param name="Converged">Whether it converged.</param>
/// <param name="Previous">Auto precision: the parameters the last iteration started from, while it ran in
/// float32 (what a rollback redoes in float64); otherwise null.</param>
/// <param name="Float64">Auto precision: true once every further iteration runs in float64.</param>
public sealed record EmRunState(
    int Init, ModelParameters Parameters, IReadOnlyList<IterationRecord> History, bool Converged,
    ModelParameters? Previous = null, bool Float64 = false);
