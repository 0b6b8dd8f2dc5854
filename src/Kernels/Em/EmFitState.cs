namespace AiMass.Kernels.Em;

/// <summary>A checkpoint of a whole <see cref="EmFit"/>, taken between steps.</summary>
/// <param name="Phase">Iterating or scoring (a finished fit is not checkpointed).</param>
/// <param name="Current">The initialisation being iterated (or the last one, when scoring).</param>
/// <param name="Best">The best finished initialisation so far, if any.</param>
/// <param name="InitLowerBounds">Final lower bounds of the finished initialisations.</param>
public sealed record EmFitState(
    EmPhase Phase, EmRunState Current, EmRunState? Best, IReadOnlyList<double> InitLowerBounds);
