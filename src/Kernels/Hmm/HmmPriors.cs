namespace AiMass.Kernels.Hmm;

/// <summary>
/// MAP-EM priors with hmmlearn's names and meanings (scalars, applied to every state and feature). The defaults
/// mean "no prior": the M-step is then plain maximum likelihood.
/// </summary>
/// <param name="StartProbPrior">Dirichlet concentration α of π (hmmlearn <c>startprob_prior</c>):
/// π_s ∝ max(α − 1 + Σ γ_0(s), 0). 1 = no prior.</param>
/// <param name="TransmatPrior">Dirichlet concentration of every row of A (hmmlearn <c>transmat_prior</c>):
/// A_rs ∝ max(α − 1 + Σ ξ(r, s), 0). 1 = no prior.</param>
/// <param name="EmissionProbPrior">Dirichlet concentration of every row of B (hmmlearn
/// <c>emissionprob_prior</c>): B_sm ∝ max(α − 1 + counts, 0). 1 = no prior.</param>
/// <param name="MeansPrior">Prior mean μ₀ of every state mean (hmmlearn <c>means_prior</c>).</param>
/// <param name="MeansWeight">Prior precision weight λ of μ₀ (hmmlearn <c>means_weight</c>), in pseudo-observations:
/// μ = (λμ₀ + Σγx)/(λ + Σγ). 0 = no prior.</param>
/// <param name="CovarsPrior">Prior scale ψ of the covariances (hmmlearn <c>covars_prior</c>): added to the
/// numerator of every variance (diag) or of the diagonal, Ψ = ψI (full). 0 = no prior.</param>
/// <param name="CovarsWeight">Prior weight ν (hmmlearn <c>covars_weight</c>): the denominator gains
/// max(ν − 1, 0) (diag) or max(ν − D, 0) (full). 1 = no prior.</param>
public sealed record HmmPriors(
    double StartProbPrior = 1,
    double TransmatPrior = 1,
    double EmissionProbPrior = 1,
    double MeansPrior = 0,
    double MeansWeight = 0,
    double CovarsPrior = 0,
    double CovarsWeight = 1)
{
    /// <summary>No prior at all: maximum-likelihood EM.</summary>
    public static HmmPriors None { get; } = new();

    /// <summary>Throws <see cref="InvalidInputException"/> naming the bad value and its flag.</summary>
    public void Validate()
    {
        Positive(StartProbPrior, "--startprob-prior");
        Positive(TransmatPrior, "--transmat-prior");
        Positive(EmissionProbPrior, "--emissionprob-prior");
        if (!double.IsFinite(MeansPrior))
        {
            throw new InvalidInputException($"--means-prior {MeansPrior} is not a finite number.");
        }

        NonNegative(MeansWeight, "--means-weight", "0 means no prior");
        NonNegative(CovarsPrior, "--covars-prior", "0 means no prior");
        NonNegative(CovarsWeight, "--covars-weight", "1 means no prior");
    }

    private static void Positive(double value, string flag)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new InvalidInputException(
                $"{flag} {value} is not a Dirichlet concentration; give a finite number > 0 (1 means no prior).");
        }
    }

    private static void NonNegative(double value, string flag, string meaning)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new InvalidInputException($"{flag} {value} must be a finite number ≥ 0 ({meaning}).");
        }
    }
}
