using System.CommandLine;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Models;
using AiMass.Seed.Data.Storage;
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

    /// <summary>--n-init, --max-iter, --tol, --reg-covar, --seed, --partitions.</summary>
    public EmOptions Em { get; } = new("mean per-observation log-likelihood", "initialisation", "sequences");

    /// <summary>The hmmlearn prior options (--startprob-prior … --covars-weight).</summary>
    public HmmPriorOptions Priors { get; } = new();

    /// <summary>--prior-model, --prior-strength.</summary>
    public MapPriorOptions PriorModel { get; } = new(weak: false);

    /// <summary>--topology, --params, --init-params.</summary>
    public HmmConstraintOptions Constraints { get; } = new();

    /// <summary>--labels.</summary>
    public Option<string?> Labels { get; } = LabelsOption.Create("state");

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Data, Lengths, States, Emission, Covariance, Init })
        {
            command.Options.Add(option);
        }

        Em.AddTo(command);
        Priors.AddTo(command);
        PriorModel.AddTo(command);
        Constraints.AddTo(command);
        command.Options.Add(Labels);
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
        var spec = Em.ApplyTo(
            new FitSpec
            {
                Model = "hmm",
                Data = DataLocation.Parse(parse.GetValue(Data)!).ToString(),
                Lengths = parse.GetValue(Lengths) is { } l ? DataLocation.Parse(l, "lengths file").ToString() : null,
                Components = parse.GetValue(States),
                Emission = parse.GetValue(Emission) ?? EmissionOf(initText, init) ?? "gaussian",
                CovarianceType = parse.GetValue(Covariance),
                InitModel = initText,
                InitModelName = init,
                Priors = Priors.ToSpec(parse),
                Labels = LabelsOption.Resolve(parse, Labels),
            },
            parse);
        return Constraints.ApplyTo(PriorModel.ApplyTo(spec, parse), parse);
    }

    /// <summary>The emission of an HMM init model (null for none, or for another kind: the planner says why).</summary>
    private static string? EmissionOf(string? text, string? name) =>
        text is not null && ModelFile.Parse(text, name!) is HmmParameters hmm ? hmm.Emission.Name() : null;
}
