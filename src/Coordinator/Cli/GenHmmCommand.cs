using System.CommandLine;
using System.Globalization;
using AiMass.Kernels;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Kernels.Synthetic;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass gen hmm</c>: sequences drawn from a random HMM (<see cref="SyntheticHmms"/>), deterministic for a
/// seed: the model comes from the seed, the sample from a seed derived from it. The sample is held in memory.
/// </summary>
public static class GenHmmCommand
{
    /// <summary>The <c>hmm</c> subcommand of <c>gen</c>.</summary>
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("hmm", "Sequences drawn from a random hidden Markov model");
        var sequences = new Option<int>("--sequences") { Description = "Number of sequences", Required = true };
        var length = new Option<int>("--length") { Description = "Steps per sequence", Required = true };
        var states = new Option<int>("--states") { Description = "Number of hidden states (S)", Required = true };
        var features = new Option<int?>("--features") { Description = "Gaussian emissions in D dimensions" };
        var symbols = new Option<int?>("--symbols") { Description = "Categorical emissions over M symbols" };
        var covariance = new Option<string>("--covariance")
        {
            Description = "Gaussian: diag (default) or full",
            DefaultValueFactory = _ => "diag",
        };
        var seed = new Option<int>("--seed") { Description = "Seed", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--output")
        {
            Description = "Output .npy file (categorical: int32 symbols)",
            Required = true,
        };
        var lengthsOutput = new Option<string>("--lengths-output")
        {
            Description = "Sequence lengths: .npy, .csv, or text with one integer per line",
            Required = true,
        };
        var truth = new Option<string?>("--truth-output")
        {
            Description = "Also write the true model (model-file JSON)",
        };
        Option[] all = [sequences, length, states, features, symbols, covariance, seed, output, lengthsOutput, truth];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Generate(
            new Request(
                parse.GetValue(sequences), parse.GetValue(length), parse.GetValue(states), parse.GetValue(features),
                parse.GetValue(symbols), parse.GetValue(covariance)!, parse.GetValue(seed), parse.GetValue(output)!,
                parse.GetValue(lengthsOutput)!, parse.GetValue(truth)),
            context));
        return command;
    }

    /// <summary>The sample's seed, derived from the model's so the two random streams differ.</summary>
    public static int SampleSeed(int seed) => unchecked((seed * 7919) + 17);

    private static int Generate(Request r, CliContext context)
    {
        var model = CreateModel(r.States, r.Features, r.Symbols, r.Covariance, r.Seed);
        CheckSize(r.Sequences, r.Length, model.Features);
        var sample = HmmSampler.Sample(model, r.Sequences, r.Length, SampleSeed(r.Seed));
        WriteObservations(r.Output, sample, model);
        WriteLengths(r.LengthsOutput, sample.Lengths);
        if (r.TruthOutput is { } truthPath)
        {
            File.WriteAllText(truthPath, ModelFile.SerializeParameters(model));
        }

        context.Out.WriteLine(
            $"wrote {r.Sequences} sequence(s) × {r.Length} steps ({sample.States.Length} rows × {model.Features} " +
            $"column(s), {Describe(model)}, seed {r.Seed}) to {r.Output}; lengths to {r.LengthsOutput}");
        return ExitCodes.Success;
    }

    private static HmmParameters CreateModel(int states, int? features, int? symbols, string covariance, int seed)
    {
        return (features, symbols) switch
        {
            ({ } d, null) => SyntheticHmms.Gaussian(states, d, CovarianceTypes.Parse(covariance), seed),
            (null, { } m) => SyntheticHmms.Categorical(states, m, seed),
            _ => throw new InvalidInputException(
                "Give exactly one of --features D (Gaussian emissions) and --symbols M (categorical emissions)."),
        };
    }

    private static void CheckSize(int sequences, int length, int columns)
    {
        if (sequences < 1 || length < 1)
        {
            throw new InvalidInputException($"--sequences {sequences} and --length {length} must be at least 1.");
        }

        if ((long)sequences * length * columns > Array.MaxLength)
        {
            throw new InvalidInputException(
                $"{sequences} × {length} steps × {columns} column(s) is more than gen hmm holds in memory " +
                $"({Array.MaxLength} values); write fewer or shorter sequences.");
        }
    }

    private static string Describe(HmmParameters model) => model.Emission == HmmEmission.Categorical
        ? $"{model.States} categorical states over {model.Symbols} symbols"
        : $"{model.States} gaussian {model.Emission.CovarianceType().Name()} states";

    private static void WriteObservations(string path, HmmSample sample, HmmParameters model)
    {
        if (!Path.GetExtension(path).Equals(".npy", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException($"--output {path}: gen writes .npy files; give a name ending in .npy.");
        }

        var rows = sample.States.Length;
        if (model.Emission != HmmEmission.Categorical)
        {
            using var writer = NpyWriter.Create(path, NpyDataType.Float64, rows, model.Features);
            writer.WriteRows(sample.Observations);
            writer.Complete();
            return;
        }

        var symbols = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            symbols[i] = (int)sample.Observations[i];
        }

        using var symbolWriter = NpyWriter.Create(path, NpyDataType.Int32, rows, 1);
        symbolWriter.WriteRows(symbols);
        symbolWriter.Complete();
    }

    private static void WriteLengths(string path, int[] lengths)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".npy" or ".csv")
        {
            ArrayFileWriter.Write(path, lengths);
            return;
        }

        using var stream = OutputFile.Create(path);
        using var writer = new StreamWriter(stream);
        foreach (var length in lengths)
        {
            writer.Write(length.ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    /// <summary>What the options ask for.</summary>
    private sealed record Request(
        int Sequences, int Length, int States, int? Features, int? Symbols, string Covariance, int Seed,
        string Output, string LengthsOutput, string? TruthOutput);
}
