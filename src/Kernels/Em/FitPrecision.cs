namespace AiMass.Kernels.Em;

/// <summary>How a fit chooses each E-step's arithmetic precision (<c>--precision</c>).</summary>
public enum FitPrecision
{
    /// <summary>
    /// float32 while the change of the lower bound is far above what float32 resolves, then float64 until the run
    /// ends (<see cref="AutoPrecision"/>): the iterations, convergence and model of <see cref="Double"/>, most
    /// iterations at float32 speed. The default of <c>aimass fit</c> and of cluster jobs.
    /// </summary>
    Auto,

    /// <summary>Every E-step in float32 arithmetic (float64 sums); at tight tolerances float32 noise in the change
    /// can stop a run early.</summary>
    Single,

    /// <summary>Every E-step in float64.</summary>
    Double,
}
