namespace AiMass.Kernels.Hmm;

/// <summary>How initial start probabilities and transition rows are chosen.</summary>
public enum TransitionInit
{
    /// <summary>Every entry 1/S (the default: Gaussian means or drawn emissions already break the symmetry).</summary>
    Uniform,

    /// <summary>Each vector drawn from a flat Dirichlet(1, …, 1) with the fit's seed.</summary>
    Random,
}
