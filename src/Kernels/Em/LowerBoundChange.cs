using System.Globalization;

namespace AiMass.Kernels.Em;

/// <summary>
/// How a change of the lower bound is written wherever a fit reports progress (the console, the coordinator's log,
/// <c>aimass status</c>): one format, shared below the CLI and the job actors that both print it.
/// </summary>
public static class LowerBoundChange
{
    /// <summary>A change as a short signed scientific number (<c>+1.234e-05</c>); the first iteration's is ∞.</summary>
    public static string Format(double change) =>
        double.IsInfinity(change)
            ? (change > 0 ? "inf" : "-inf")
            : change.ToString("+0.000e+00;-0.000e+00", CultureInfo.InvariantCulture);
}
