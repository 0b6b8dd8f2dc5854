namespace AiMass.Kernels.EStep;

/// <summary>Arithmetic precision of a fast E-step backend (statistics are always accumulated in float64).</summary>
public enum EStepPrecision
{
    /// <summary>float32 arithmetic per row, float64 accumulation across rows: the fast default.</summary>
    Single,

    /// <summary>float64 throughout: about half the speed, agrees with the reference to ~1e-12.</summary>
    Double,
}
