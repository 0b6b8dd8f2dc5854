using System.CommandLine;
using AiMass.Kernels;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Cli;

/// <summary>The options of <c>fit gmm</c>, shared with <c>submit gmm</c>, and their mapping to a <see cref="FitSpec"/>.</summary>
public sealed class GmmFitOptions
{
    /// <summary>--data.</summary>
    public Option<string> Data { get; } = new("--data") { Description = "Dataset: .npy, .csv or .parquet", Required = true };

    /// <summary>--k.</summary>
    public Option<int> Components { get; } = new("--k") { Description = "Number of mixture components (taken from --init when omitted)" };

    /// <summary>--covariance.</summary>
    public Option<string?> Covariance { get; } = new("--covariance") { Description = "full (default), diag, spherical or tied" };

    /// <summary>--init.</summary>
    public Option<string?> Init { get; } = new("--init") { Description = "Start from this model file (warm start / transfer)" };

    /// <summary>--init-method.</summary>
    public Option<string> InitMethod { get; } = new("--init-method")
    {
        Description = "kmeans++ (default) or random-from-data",
        DefaultValueFactory = _ => "kmeans++",
    };

    /// <summary>--n-init.</summary>
    public Option<int> NInit { get; } = new("--n-init") { Description = "Initialisations; the best lower bound wins", DefaultValueFactory = _ => 1 };

    /// <summary>--max-iter.</summary>
    public Option<int> MaxIter { get; } = new("--max-iter") { Description = "EM iterations per initialisation at most", DefaultValueFactory = _ => 100 };

    /// <summary>--tol.</summary>
    public Option<double> Tol { get; } = new("--tol")
    {
        Description = "Stop when the mean log-likelihood changes by less (0: run --max-iter iterations)",
        DefaultValueFactory = _ => 1e-3,
    };

    /// <summary>--reg-covar.</summary>
    public Option<double> RegCovar { get; } = new("--reg-covar")
    {
        Description = "Added to covariance diagonals for stability",
        DefaultValueFactory = _ => 1e-6,
    };

    /// <summary>--seed.</summary>
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of initialisation and sampling", DefaultValueFactory = _ => 0 };

    /// <summary>--partitions.</summary>
    public Option<int?> Partitions { get; } = new("--partitions") { Description = "Cut the rows into P contiguous partitions" };

    /// <summary>--sample-weight.</summary>
    public Option<string?> SampleWeight { get; } = new("--sample-weight") { Description = "One non-negative weight per row" };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Option[] all = [Data, Components, Covariance, Init, InitMethod, NInit, MaxIter, Tol, RegCovar, Seed, Partitions, SampleWeight];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The job the options describe; reads the <c>--init</c> file so it travels by value.</summary>
    public FitSpec ToSpec(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var init = parse.GetValue(Init);
        return new FitSpec
        {
            Model = "gmm",
            Data = Path.GetFullPath(parse.GetValue(Data)!),
            Components = parse.GetValue(Components),
            CovarianceType = parse.GetValue(Covariance),
            InitModel = init is null ? null : ReadInitModel(init),
            InitModelName = init,
            InitMethod = parse.GetValue(InitMethod)!,
            NInit = parse.GetValue(NInit),
            MaxIter = parse.GetValue(MaxIter),
            Tol = parse.GetValue(Tol),
            RegCovar = parse.GetValue(RegCovar),
            Seed = parse.GetValue(Seed),
            Partitions = parse.GetValue(Partitions),
            SampleWeight = parse.GetValue(SampleWeight) is { } w ? Path.GetFullPath(w) : null,
        };
    }

    /// <summary>Reads an init model file's text; a missing or unreadable file is the user's to fix.</summary>
    public static string ReadInitModel(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"--init model '{path}' cannot be read: {e.Message}", e);
        }
    }
}
