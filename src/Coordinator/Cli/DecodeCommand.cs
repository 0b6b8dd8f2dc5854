using System.CommandLine;
using AiMass.Kernels;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Models;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass decode</c>: the hidden state of every row under a saved HMM — the Viterbi path (hmmlearn
/// <c>decode</c>) or, with <c>--algorithm map</c>, the most likely state of each step on its own.
/// </summary>
public static class DecodeCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("decode", "Hidden states of every row under a saved HMM (one int state per row)");
        var model = new Option<string>("--model") { Description = "HMM model file", Required = true };
        var data = new Option<string>("--data")
        {
            Description = "Observations: .npy, .csv or .parquet",
            Required = true,
        };
        var lengths = new Option<string?>("--lengths") { Description = "Sequence lengths (default: one sequence)" };
        var algorithm = new Option<string>("--algorithm")
        {
            Description = "viterbi (default: the most likely path) or map (the most likely state of each step)",
            DefaultValueFactory = _ => "viterbi",
        };
        var output = new Option<string>("--output") { Description = "Output file (.npy or .csv)", Required = true };
        foreach (var option in new Option[] { model, data, lengths, algorithm, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Run(
            parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(lengths), parse.GetValue(algorithm)!,
            parse.GetValue(output)!, context));
        return command;
    }

    private static int Run(
        string modelPath, string data, string? lengths, string algorithm, string path, CliContext context)
    {
        var name = algorithm.Trim().ToLowerInvariant();
        if (name is not ("viterbi" or "map"))
        {
            throw new InvalidInputException($"--algorithm {name}: use viterbi or map.");
        }

        if (ModelFile.Load(modelPath) is not HmmParameters hmm)
        {
            throw new InvalidInputException("decode takes an HMM model; use predict for Gaussian mixtures.");
        }

        var decoded = HmmDataset.Use(data, lengths, partition =>
            name == "viterbi"
                ? Viterbi.Decode(partition, hmm, context.Cancellation)
                : PosteriorDecoder.Decode(partition, hmm, context.Cancellation));
        using (var table = TableOutput.ForIntegers(path, decoded.States.Length))
        {
            table.Append(decoded.States);
            table.Complete();
        }

        var what = name == "viterbi" ? "log p(X, path)" : "log p(X)";
        context.Out.WriteLine(
            $"decoded {decoded.States.Length} rows in {decoded.SequenceLogProbabilities.Length} sequence(s) by " +
            $"{name}: {what} {decoded.SequenceLogProbabilities.Sum():R}; states written to {path}");
        return ExitCodes.Success;
    }
}
