namespace AiMass.Kernels.Em;

/// <summary>
/// The rule of <see cref="FitPrecision.Auto"/>. A float32 E-step resolves the mean per-sample log-likelihood L only
/// to about r = ε₃₂·max(1, |L|) (ε₃₂ = 2⁻²³, the spacing of float32 numbers at 1): its per-row densities carry
/// roundings of that relative size, and part of them is the same for every row, so it does not average out.
/// Measured over the scikit-learn fixtures (150 to 4,000 rows) and 100,000-row blobs, |L₃₂ − L₆₄| ≤ 1.3·r and the
/// error of a change L₃₂(n) − L₃₂(n−1) ≤ 1.2·r. A change that involves a float32 lower bound is therefore trusted
/// only to say "not converged", and only when |change| &gt; G = max(16·r, 2·tol): then the float64 change exceeds
/// G − 2·(noise) ≥ tol as long as the noise stays below 4·r, three times the largest measured. When a float32
/// change is not that far above, the run stops trusting float32: it discards that iteration and the float32 one
/// before it, and redoes that one and every later one in float64 (<see cref="EmRun"/>); the redone iteration's
/// change (float64 against the float32 bound before it) exceeds G − 1.3·r ≥ tol by the same argument. So every
/// convergence decision and the run's last iteration are made in float64, as with <see cref="FitPrecision.Double"/>.
/// </summary>
public static class AutoPrecision
{
    /// <summary>ε₃₂ = 2⁻²³, the spacing of float32 numbers at 1.</summary>
    public const double Float32Epsilon = 1.0 / (1 << 23);

    /// <summary>How many resolutions r a float32 change must exceed to be trusted.</summary>
    public const double ResolutionFactor = 16;

    /// <summary>How many tolerances a float32 change must exceed to be trusted.</summary>
    public const double ToleranceFactor = 2;

    /// <summary>r = ε₃₂·max(1, |L|): what float32 resolves of a mean per-sample log-likelihood
    /// <paramref name="lowerBound"/>.</summary>
    public static double Resolution(double lowerBound) => Float32Epsilon * Math.Max(1, Math.Abs(lowerBound));

    /// <summary>G = max(16·r, 2·tol): the smallest |change| a float32 change must exceed to rule out
    /// convergence.</summary>
    public static double Threshold(double lowerBound, double tolerance) =>
        Math.Max(ResolutionFactor * Resolution(lowerBound), ToleranceFactor * tolerance);

    /// <summary>True when a change computed (partly) from float32 lower bounds certainly exceeds the tolerance:
    /// |<paramref name="change"/>| &gt; <see cref="Threshold"/> (the first iteration's +∞ always does).</summary>
    public static bool RulesOutConvergence(double change, double lowerBound, double tolerance) =>
        Math.Abs(change) > Threshold(lowerBound, tolerance);
}
