namespace AiMass.Kernels.Em;

/// <summary>
/// The rule of <see cref="FitPrecision.Auto"/>. A float32 E-step computes the mean per-sample log-likelihood L to
/// within about r = ε₃₂·(|L| + D) (ε₃₂ = 2⁻²³, D features: the per-row terms are of the size of |L| plus the
/// quadratic form and the normaliser, both of order D); measured over the scikit-learn fixtures,
/// |L₃₂ − L₆₄| ≤ 1.3·ε₃₂·max(1, |L|) ≤ 1.3·r. A change of L that involves a float32 value is therefore trusted only
/// to say "not converged", and only when |change| &gt; G = max(16·r, 2·tol): then the float64 change exceeds
/// 2·tol − 2·(noise) ≥ tol as long as the noise stays below 4·r, three times what was measured. When a float32
/// change is not that far above, the run stops trusting float32: it discards that iteration and the float32 one
/// before it, and redoes that one and every later one in float64 (<see cref="EmRun"/>). So every convergence
/// decision and the run's last iteration are made in float64, as with <see cref="FitPrecision.Double"/>.
/// </summary>
public static class AutoPrecision
{
    /// <summary>ε₃₂ = 2⁻²³, the spacing of float32 numbers at 1.</summary>
    public const double Float32Epsilon = 1.0 / (1 << 23);

    /// <summary>How many resolutions r a float32 change must exceed to be trusted.</summary>
    public const double ResolutionFactor = 16;

    /// <summary>How many tolerances a float32 change must exceed to be trusted.</summary>
    public const double ToleranceFactor = 2;

    /// <summary>r = ε₃₂·(|L| + max(D, 1)): what float32 resolves of a mean per-sample log-likelihood
    /// <paramref name="lowerBound"/> of <paramref name="features"/>-feature rows.</summary>
    public static double Resolution(double lowerBound, int features) =>
        Float32Epsilon * (Math.Abs(lowerBound) + Math.Max(features, 1));

    /// <summary>G = max(16·r, 2·tol): the smallest |change| a float32 change must exceed to rule out
    /// convergence.</summary>
    public static double Threshold(double lowerBound, int features, double tolerance) =>
        Math.Max(ResolutionFactor * Resolution(lowerBound, features), ToleranceFactor * tolerance);

    /// <summary>True when a change computed (partly) from float32 lower bounds certainly exceeds the tolerance:
    /// |<paramref name="change"/>| &gt; <see cref="Threshold"/> (the first iteration's +∞ always does).</summary>
    public static bool RulesOutConvergence(double change, double lowerBound, int features, double tolerance) =>
        Math.Abs(change) > Threshold(lowerBound, features, tolerance);
}
