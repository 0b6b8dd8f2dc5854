using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Bench;

/// <summary>The <c>--precision</c> of the E-step timing commands: single or double (a whole fit's auto needs the
/// EM loop; see <see cref="PrecisionCommand"/>).</summary>
internal static class BenchPrecision
{
    /// <summary>single → float32, double → float64; auto is refused (an E-step alone has no auto).</summary>
    public static EStepPrecision Parse(string value) => FitPrecisions.Parse(value) switch
    {
        FitPrecision.Single => EStepPrecision.Single,
        FitPrecision.Double => EStepPrecision.Double,
        _ => throw new ArgumentException("--precision auto needs a whole fit: use the precision command."),
    };
}
