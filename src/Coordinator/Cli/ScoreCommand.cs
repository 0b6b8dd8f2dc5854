using System.CommandLine;
using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Cli;

/// <summary><c>aimass score</c>: per-row log-likelihood under a saved model (scikit-learn <c>score_samples</c>).</summary>
public static class ScoreCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CliContext context)
    {
        var command = new Command("score", "Per-row log-likelihood under a saved model; prints the mean");
        var model = new Option<string>("--model") { Description = "Model file", Required = true };
        var data = new Option<string>("--data") { Description = "Dataset: .npy, .csv or .parquet", Required = true };
        var output = new Option<string?>("--output") { Description = "Write the per-row values (.npy or .csv)" };
        command.Options.Add(model);
        command.Options.Add(data);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            if (ModelFile.Load(parse.GetValue(model)!) is not GaussianMixtureParameters gmm)
            {
                throw new InvalidInputException("score takes a Gaussian-mixture model here.");
            }

            var source = DatasetReader.Open(parse.GetValue(data)!);
            try
            {
                FiniteCheck.EnsureFinite(source);
                var mean = ScoreMixture(source, gmm, parse.GetValue(output), context);
                context.Out.WriteLine($"mean log-likelihood {mean:R} over {source.Rows} rows");
            }
            finally
            {
                (source as IDisposable)?.Dispose();
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static double ScoreMixture(IRowSource source, GaussianMixtureParameters gmm, string? path, CliContext context)
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
