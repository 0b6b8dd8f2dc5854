using System.CommandLine;
using System.Globalization;
using AiMass.Kernels;
using AiMass.Kernels.Input;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// The options of <c>select gmm</c>, shared by <c>submit select gmm</c> and <c>local select gmm</c>: the candidates
/// (<c>--k 2..16 --covariance full,diag,tied,spherical</c>), the fit options every candidate shares (those of
/// <c>fit gmm</c>), <c>--criterion</c> and <c>--table</c>.
/// </summary>
public sealed class SelectOptions
{
    /// <summary>--data.</summary>
    public Option<string> Data { get; } = new("--data")
    {
        Description = "Dataset: .npy, .csv or .parquet, or a folder of parts (a path, file:// or s3://)",
        Required = true,
    };

    /// <summary>--k.</summary>
    public Option<string> Components { get; } = new("--k")
    {
        Description = "Component counts to try: a range 2..16, a list 2,4,8, or both (2..4,8)",
        Required = true,
    };

    /// <summary>--covariance.</summary>
    public Option<string> Covariance { get; } = new("--covariance")
    {
        Description = "Covariance types to try, comma-separated (default full,tied,diag,spherical)",
        DefaultValueFactory = _ => "full,tied,diag,spherical",
    };

    /// <summary>--init-method.</summary>
    public Option<string> InitMethod { get; } = new("--init-method")
    {
        Description = "kmeans++ (default) or random-from-data",
        DefaultValueFactory = _ => "kmeans++",
    };

    /// <summary>--criterion.</summary>
    public Option<string> Criterion { get; } = new("--criterion")
    {
        Description = "bic (default), aic or icl: the candidate with the lowest value wins",
        DefaultValueFactory = _ => "bic",
    };

    /// <summary>--table.</summary>
    public Option<string?> Table { get; } = new("--table")
    {
        Description = "Write the table (one row per k and covariance, from its best init) to this CSV file",
    };

    /// <summary>--sample-weight.</summary>
    public Option<string?> SampleWeight { get; } = new("--sample-weight")
    {
        Description = "One non-negative weight per row (.npy, .csv or text; a path, file:// or s3://)",
    };

    /// <summary>--prior.</summary>
    public Option<string?> Prior { get; } = new("--prior")
    {
        Description = "weak: every candidate with the data-driven conjugate prior (MAP-EM)",
    };

    /// <summary>--n-init, --max-iter, --tol, --precision, --reg-covar, --seed, --partitions.</summary>
    public EmOptions Em { get; } = new("mean log-likelihood", "initialisation and sampling", "rows");

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Data, Components, Covariance, InitMethod, Criterion, Table })
        {
            command.Options.Add(option);
        }

        Em.AddTo(command);
        command.Options.Add(SampleWeight);
        command.Options.Add(Prior);
    }

    /// <summary>The selection job the options describe.</summary>
    public FitSpec ToSpec(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return Em.ApplyTo(
            new FitSpec
            {
                Kind = "select",
                Model = "gmm",
                Data = DataLocation.Parse(parse.GetValue(Data)!).ToString(),
                SelectK = ParseK(parse.GetValue(Components)!),
                SelectCovariance = parse.GetValue(Covariance)!
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                InitMethod = parse.GetValue(InitMethod)!,
                Criterion = parse.GetValue(Criterion),
                SampleWeight = parse.GetValue(SampleWeight) is { } w
                    ? DataLocation.Parse(w, "weights file").ToString()
                    : null,
                Prior = parse.GetValue(Prior),
            },
            parse);
    }

    /// <summary>Parses <c>2..16</c>, <c>2,4,8</c> or a mix; throws naming the bad part.</summary>
    public static IReadOnlyList<int> ParseK(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ks = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split("..");
            if (bounds.Length is < 1 or > 2 || !bounds.All(b => int.TryParse(b, NumberStyles.None, null, out _)))
            {
                throw new InvalidInputException(
                    $"--k {Excerpt.Of(text)}: {Excerpt.Of(part)} is not a count or a range such as 2..16.");
            }

            var (low, high) = (int.Parse(bounds[0], CultureInfo.InvariantCulture),
                int.Parse(bounds[^1], CultureInfo.InvariantCulture));
            if (low < 1 || high < low || high - low > 4096)
            {
                throw new InvalidInputException(
                    $"--k {Excerpt.Of(text)}: the range {part} must go up from a count ≥ 1.");
            }

            ks.AddRange(Enumerable.Range(low, high - low + 1).Where(k => !ks.Contains(k)));
        }

        return ks.Count > 0 ? ks : throw new InvalidInputException("--k needs at least one component count.");
    }
}
