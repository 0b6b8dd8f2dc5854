using System.CommandLine;
using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Hmm;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass score</c>: per-row log-likelihood under a saved mixture (scikit-learn <c>score_samples</c>), or
/// per-sequence log-likelihood under a saved HMM (<see cref="HmmScoring"/>).
/// </summary>
public static class ScoreCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CliContext context)
    {
        var command = new Command(
            "score", "Per-row (mixture) or per-sequence (HMM) log-likelihood under a saved model; prints a summary");
        var model = new Option<string>("--model") { Description = "Model file", Required = true };
        var data = new Option<string>("--data") { Description = "Dataset: .npy, .csv or .parquet", Required = true };
        var output = new Option<string?>("--output")
        {
            Description = "Write the per-row (HMM: per-sequence) values (.npy or .csv)",
        };
        command.Options.Add(model);
        command.Options.Add(data);
        command.Options.Add(output);
        var lengths = new Option<string?>("--lengths")
        {
            Description = "HMM: sequence lengths (default: one sequence)",
        };
        command.Options.Add(lengths);
        command.SetAction(parse => Score(
            parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(lengths), parse.GetValue(output), context));
        return command;
    }

    private static int Score(string modelPath, string dataPath, string? lengths, string? output, CliContext context)
    {
        var loaded = ModelFile.Load(modelPath);
        if (loaded is HmmParameters hmm)
        {
            return HmmScoring.Run(hmm, dataPath, lengths, output, context);
        }

        if (lengths is not null)
        {
            throw new InvalidInputException("--lengths applies to HMM models only; drop it for a mixture.");
        }

        if (loaded is not GaussianMixtureParameters gmm)
        {
            throw new InvalidInputException("score takes a Gaussian-mixture or HMM model.");
        }

        var source = DatasetReader.Open(dataPath);
        try
        {
            FiniteCheck.EnsureFinite(source);
            var mean = ScoreMixture(source, gmm, output, context);
            context.Out.WriteLine($"mean log-likelihood {mean:R} over {source.Rows} rows");
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }

        return ExitCodes.Success;
    }

    private static double ScoreMixture(
        IRowSource source, GaussianMixtureParameters gmm, string? path, CliContext context)
    {
        using var table = path is null ? null : TableOutput.ForDoubles(path, source.Rows);
        var total = 0.0;
        GaussianMixtureScorer.ForEachChunk(source, gmm, context.Cancellation, (_, n, logLikelihoods, _, _) =>
        {
            for (var i = 0; i < n; i++)
            {
                total += logLikelihoods[i];
            }

            table?.Append(logLikelihoods.AsSpan(0, n));
        });
        table?.Complete();
        return total / source.Rows;
    }
}
