namespace AiMass.Kernels.EStep;

/// <summary>Names of <see cref="EStepPrecision"/> values as model files and logs write them.</summary>
public static class EStepPrecisions
{
    /// <summary>float32 or float64.</summary>
    public static string Name(this EStepPrecision precision) =>
        precision == EStepPrecision.Single ? "float32" : "float64";
}
