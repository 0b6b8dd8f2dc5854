namespace AiMass.Kernels.Em;

/// <summary>Stopping rule and arithmetic of the EM loop, with scikit-learn's defaults and meanings.</summary>
/// <param name="MaxIterations">Most E+M steps per initialisation (scikit-learn <c>max_iter</c>, default 100).</param>
/// <param name="Tolerance">Converged when |change of the mean per-sample log-likelihood| &lt; this
/// (scikit-learn <c>tol</c>, default 1e-3). Zero runs exactly <paramref name="MaxIterations"/> steps.</param>
/// <param name="Precision">The arithmetic each E-step is asked for (<see cref="EmRun.Precision"/>). Double by
/// default here, for callers that compute every E-step in float64; users' fits default to
/// <see cref="FitPrecision.Auto"/>.</param>
public sealed record EmSettings(
    int MaxIterations = 100, double Tolerance = 1e-3, FitPrecision Precision = FitPrecision.Double)
{
    /// <summary>Throws <see cref="InvalidInputException"/> naming the bad value.</summary>
    public void Validate()
    {
        if (MaxIterations < 0)
        {
            throw new InvalidInputException($"--max-iter {MaxIterations} is negative; give 0 or more iterations.");
        }

        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
        {
            throw new InvalidInputException($"--tol {Tolerance} is not a finite non-negative number.");
        }

        if (!Enum.IsDefined(Precision))
        {
            throw new InvalidInputException($"--precision {(int)Precision}: use auto, single or double.");
        }
    }
}
