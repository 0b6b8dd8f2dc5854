using System.CommandLine;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// hmmlearn's MAP priors as options (same names and meanings). Every default means "no prior"; note that
/// hmmlearn's GaussianHMM defaults to covars_prior=1e-2, which AiMass applies only when asked.
/// </summary>
public sealed class HmmPriorOptions
{
    /// <summary>--startprob-prior.</summary>
    public Option<double> StartProb { get; } = Concentration("--startprob-prior", "the start probabilities");

    /// <summary>--transmat-prior.</summary>
    public Option<double> TransMat { get; } = Concentration("--transmat-prior", "every transition row");

    /// <summary>--emissionprob-prior.</summary>
    public Option<double> EmissionProb { get; } =
        Concentration("--emissionprob-prior", "every categorical emission row");

    /// <summary>--means-prior.</summary>
    public Option<double> Means { get; } = new("--means-prior")
    {
        Description = "Prior mean μ₀ of every state mean",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>--means-weight.</summary>
    public Option<double> MeansWeight { get; } = new("--means-weight")
    {
        Description = "Pseudo-observations of --means-prior (0 = no prior)",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>--covars-prior.</summary>
    public Option<double> Covars { get; } = new("--covars-prior")
    {
        Description = "Prior scale added to every variance (full: Ψ = value·I) (0 = no prior)",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>--covars-weight.</summary>
    public Option<double> CovarsWeight { get; } = new("--covars-weight")
    {
        Description = "Prior weight ν of --covars-prior: the denominator gains max(ν−1, 0) (diag) " +
            "or max(ν−D, 0) (full)",
        DefaultValueFactory = _ => 1,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new[] { StartProb, TransMat, EmissionProb, Means, MeansWeight, Covars, CovarsWeight })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The priors the options give, or null when every one is at its no-prior default.</summary>
    public HmmPriorSpec? ToSpec(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var spec = new HmmPriorSpec
        {
            StartProbPrior = parse.GetValue(StartProb),
            TransMatPrior = parse.GetValue(TransMat),
            EmissionProbPrior = parse.GetValue(EmissionProb),
            MeansPrior = parse.GetValue(Means),
            MeansWeight = parse.GetValue(MeansWeight),
            CovarsPrior = parse.GetValue(Covars),
            CovarsWeight = parse.GetValue(CovarsWeight),
        };
        return spec == NoPrior ? null : spec;
    }

    private static HmmPriorSpec NoPrior { get; } = new() { CovarsWeight = 1 };

    private static Option<double> Concentration(string name, string what) => new(name)
    {
        Description = $"Dirichlet concentration of {what} (1 = no prior)",
        DefaultValueFactory = _ => 1,
    };
}
