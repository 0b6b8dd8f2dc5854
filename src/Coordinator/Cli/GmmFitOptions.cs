using System.CommandLine;
using AiMass.Kernels;
using AiMass.Seed.Data.Storage;
using AiMass.Kernels.Input;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// The options of <c>fit gmm</c>, shared with <c>submit gmm</c>, and their mapping to a <see cref="FitSpec"/>.
/// </summary>
public sealed class GmmFitOptions
{
    /// <summary>--data.</summary>
    public Option<string> Data { get; } = new("--data")
    {
        Description = "Dataset: a .npy, .csv or .parquet file, or a folder of part files; a path, file:// or " +
                      "s3://bucket/key (a prefix ending in / for parts)",
        Required = true,
    };

    /// <summary>--k.</summary>
    public Option<int> Components { get; } = new("--k")
    {
        Description = "Number of mixture components (taken from --init when omitted)",
    };

    /// <summary>--covariance.</summary>
    public Option<string?> Covariance { get; } = new("--covariance")
    {
        Description = "full (default), diag, spherical or tied",
    };

    /// <summary>--init.</summary>
    public Option<string?> Init { get; } = new("--init")
    {
        Description = "Start from this model file (warm start / transfer)",
    };

    /// <summary>--init-method.</summary>
    public Option<string> InitMethod { get; } = new("--init-method")
    {
        Description = "kmeans++ (default) or random-from-data",
        DefaultValueFactory = _ => "kmeans++",
    };

    /// <summary>--n-init, --max-iter, --tol, --reg-covar, --seed, --partitions.</summary>
    public EmOptions Em { get; } = new("mean log-likelihood", "initialisation and sampling", "rows");

    /// <summary>--sample-weight.</summary>
    public Option<string?> SampleWeight { get; } = new("--sample-weight")
    {
        Description = "One non-negative weight per row (.npy, .csv or text; a path, file:// or s3://)",
    };

    /// <summary>--prior, --prior-model, --prior-strength.</summary>
    public MapPriorOptions Priors { get; } = new(weak: true);

    /// <summary>--labels.</summary>
    public Option<string?> Labels { get; } = LabelsOption.Create("component");

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Data, Components, Covariance, Init, InitMethod })
        {
            command.Options.Add(option);
        }

        Em.AddTo(command);
        command.Options.Add(SampleWeight);
        Priors.AddTo(command);
        command.Options.Add(Labels);
    }

    /// <summary>The job the options describe; reads the <c>--init</c> file so it travels by value.</summary>
    public FitSpec ToSpec(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var init = parse.GetValue(Init);
        var spec = Em.ApplyTo(
            new FitSpec
            {
                Model = "gmm",
                Data = DataLocation.Parse(parse.GetValue(Data)!).ToString(),
                Components = parse.GetValue(Components),
                CovarianceType = parse.GetValue(Covariance),
                InitModel = init is null ? null : ReadInitModel(init),
                InitModelName = init,
                InitMethod = parse.GetValue(InitMethod)!,
                SampleWeight = parse.GetValue(SampleWeight) is { } w
                    ? DataLocation.Parse(w, "weights file").ToString()
                    : null,
                Labels = LabelsOption.Resolve(parse, Labels),
            },
            parse);
        return Priors.ApplyTo(spec, parse);
    }

    /// <summary>Reads an init model file's text; a missing or unreadable file is the user's to fix.</summary>
    public static string ReadInitModel(string path) => InputFiles.ReadAllText(path, "--init model");
}
