namespace AiMass.Kernels.Em;

/// <summary>Where an <see cref="EmFit"/> stands.</summary>
public enum EmPhase
{
    /// <summary>EM iterations of some initialisation are due.</summary>
    Iterating,

    /// <summary>All initialisations are done; one E-step pass scores the chosen model.</summary>
    Scoring,

    /// <summary>The result is ready.</summary>
    Done,
}
