namespace AiMass.Kernels.Em;

/// <summary>
/// What <see cref="FitPrecision.Auto"/> did when a float32 change was too small to trust: it discarded
/// iteration <paramref name="Iteration"/> (and the float32 iteration before it) and redoes from
/// <paramref name="Iteration"/> − 1 on in float64.
/// </summary>
/// <param name="Iteration">The iteration whose change was not trusted (1-based).</param>
/// <param name="Change">Its change of the lower bound (partly from float32 values).</param>
/// <param name="Threshold">What the change had to exceed (<see cref="AutoPrecision.Threshold"/>).</param>
public sealed record PrecisionRollback(int Iteration, double Change, double Threshold)
{
    /// <summary>The first iteration that is redone in float64.</summary>
    public int RedoneFrom => Iteration - 1;
}
