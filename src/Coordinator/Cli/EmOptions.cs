using System.CommandLine;
using AiMass.Kernels.Em;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// How the EM fit runs, the same for every model: <c>--n-init --max-iter --tol --precision --reg-covar --seed
/// --partitions</c> (scikit-learn's defaults). Only the wording of three descriptions differs by model.
/// </summary>
/// <param name="meanLogLikelihood">What <c>--tol</c> watches, e.g. "mean log-likelihood".</param>
/// <param name="seedUse">What <c>--seed</c> seeds, e.g. "initialisation".</param>
/// <param name="partitionUnit">What <c>--partitions</c> cuts, e.g. "rows".</param>
public sealed class EmOptions(string meanLogLikelihood, string seedUse, string partitionUnit)
{
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
        Description = $"Stop when the {meanLogLikelihood} changes by less (0: run --max-iter iterations)",
        DefaultValueFactory = _ => 1e-3,
    };

    /// <summary>--precision.</summary>
    public Option<string> Precision { get; } = new("--precision")
    {
        Description = "E-step arithmetic: auto (float32 while the change is far above float32's resolution, then " +
                      "float64; default), single (float32, float64 sums) or double (float64 throughout)",
        DefaultValueFactory = _ => "auto",
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
        Description = $"Seed of {seedUse}",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>--partitions.</summary>
    public Option<int?> Partitions { get; } = new("--partitions")
    {
        Description = $"Cut the {partitionUnit} into P contiguous partitions",
    };

    /// <summary>Adds the options to <paramref name="command"/>, in the order above.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { NInit, MaxIter, Tol, Precision, RegCovar, Seed, Partitions })
        {
            command.Options.Add(option);
        }
    }

    /// <summary><paramref name="spec"/> with the values the options were given.</summary>
    public FitSpec ApplyTo(FitSpec spec, ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(parse);
        return spec with
        {
            NInit = parse.GetValue(NInit),
            MaxIter = parse.GetValue(MaxIter),
            Tol = parse.GetValue(Tol),
            Precision = FitPrecisions.Parse(parse.GetValue(Precision)).Name(),
            RegCovar = parse.GetValue(RegCovar),
            Seed = parse.GetValue(Seed),
            Partitions = parse.GetValue(Partitions),
        };
    }
}
