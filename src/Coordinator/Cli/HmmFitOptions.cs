using System.CommandLine;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Models;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// The options of <c>fit hmm</c>, shared with <c>local fit hmm</c> and <c>submit hmm</c>, and their mapping to a
/// <see cref="FitSpec"/>. Defaults: gaussian emissions with diag covariances (hmmlearn's GaussianHMM), no priors,
/// and EM stopping when the mean per-observation log-likelihood changes by less than --tol.
/// </summary>
public sealed class HmmFitOptions
{
    /// <summary>--data.</summary>
    public Option<string> Data { get; } = new("--data")
    {
        Description = "Observations, one row per time step: .npy, .csv or .parquet " +
            "(categorical: one column of symbols)",
        Required = true,
    };

    /// <summary>--lengths.</summary>
    public Option<string?> Lengths { get; } = new("--lengths")
    {
        Description = "Sequence lengths, one integer per line or .npy, adding up to the rows (default: one sequence)",
    };

    /// <summary>--states.</summary>
    public Option<int> States { get; } = new("--states")
    {
        Description = "Number of hidden states (taken from --init when omitted)",
    };

    /// <summary>--emission.</summary>
    public Option<string?> Emission { get; } = new("--emission")
    {
        Description = "gaussian (default) or categorical (taken from --init when omitted)",
    };

    /// <summary>--covariance.</summary>
    public Option<string?> Covariance { get; } = new("--covariance")
    {
        Description = "Gaussian covariances: diag (default) or full",
    };

    /// <summary>--init.</summary>
    public Option<string?> Init { get; } = new("--init")
    {
        Description = "Start from this HMM model file (warm start / transfer)",
    };

    /// <summary>--n-init.</summary>
    public Option<int> NInit { get; } = new("--n-init")
    {
        Description = "Initialisations; the best lower bound wins",
        DefaultValueFactory = _ => 1,
    };

    /// <summary>--max-iter.</summary>
    public Option<int> MaxIter { get; } = new("--max-iter")
    {
        Description = "EM iterations per initialisation at most",
        DefaultValueFactory = _ => 100,
    };

    /// <summary>--tol.</summary>
    public Option<double> Tol { get; } = new("--tol")
    {
        Description = "Stop when the mean per-observation log-likelihood changes by less " +
            "(0: run --max-iter iterations)",
        DefaultValueFactory = _ => 1e-3,
    };

    /// <summary>--reg-covar.</summary>
    public Option<double> RegCovar { get; } = new("--reg-covar")
    {
        Description = "Added to covariance diagonals for stability",
        DefaultValueFactory = _ => 1e-6,
    };

    /// <summary>--seed.</summary>
    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "Seed of initialisation",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>--partitions.</summary>
    public Option<int?> Partitions { get; } = new("--partitions")
    {
        Description = "Cut the sequences into P contiguous partitions",
    };

    /// <summary>The hmmlearn prior options (--startprob-prior … --covars-weight).</summary>
    public HmmPriorOptions Priors { get; } = new();

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Option[] all =
            [Data, Lengths, States, Emission, Covariance, Init, NInit, MaxIter, Tol, RegCovar, Seed, Partitions];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }

        Priors.AddTo(command);
    }

    /// <summary>
    /// The job the options describe; reads the <c>--init</c> file so it travels by value (and, when --emission is
    /// omitted, takes the emission from it).
    /// </summary>
    public FitSpec ToSpec(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var init = parse.GetValue(Init);
        var initText = init is null ? null : GmmFitOptions.ReadInitModel(init);
        return new FitSpec
        {
            Model = "hmm",
            Data = Path.GetFullPath(parse.GetValue(Data)!),
            Lengths = parse.GetValue(Lengths) is { } l ? Path.GetFullPath(l) : null,
            Components = parse.GetValue(States),
            Emission = parse.GetValue(Emission) ?? EmissionOf(initText, init) ?? "gaussian",
            CovarianceType = parse.GetValue(Covariance),
            InitModel = initText,
            InitModelName = init,
            NInit = parse.GetValue(NInit),
            MaxIter = parse.GetValue(MaxIter),
            Tol = parse.GetValue(Tol),
            RegCovar = parse.GetValue(RegCovar),
            Seed = parse.GetValue(Seed),
            Partitions = parse.GetValue(Partitions),
            Priors = Priors.ToSpec(parse),
        };
    }

    /// <summary>The emission of an HMM init model (null for none, or for another kind: the planner says why).</summary>
    private static string? EmissionOf(string? text, string? name) =>
        text is not null && ModelFile.Parse(text, name!) is HmmParameters hmm ? hmm.Emission.Name() : null;
}
