using System.CommandLine;
using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass predict</c>: the most likely component of every row, or with <c>--proba</c> all responsibilities.
/// </summary>
public static class PredictCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CliContext context)
    {
        var command = new Command("predict", "Component labels (or --proba responsibilities) under a saved mixture");
        var model = new Option<string>("--model") { Description = "Model file", Required = true };
        var data = new Option<string>("--data") { Description = "Dataset: .npy, .csv or .parquet", Required = true };
        var proba = new Option<bool>("--proba") { Description = "Write [rows × K] responsibilities instead of labels" };
        var output = new Option<string>("--output") { Description = "Output file (.npy or .csv)", Required = true };
        command.Options.Add(model);
        command.Options.Add(data);
        command.Options.Add(proba);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            if (ModelFile.Load(parse.GetValue(model)!) is not GaussianMixtureParameters gmm)
            {
                throw new InvalidInputException("predict takes a Gaussian-mixture model; use decode for HMMs.");
            }

            var source = DatasetReader.Open(parse.GetValue(data)!);
            try
            {
                FiniteCheck.EnsureFinite(source);
                Write(source, gmm, parse.GetValue(proba), parse.GetValue(output)!, context);
            }
            finally
            {
                (source as IDisposable)?.Dispose();
            }

            var what = parse.GetValue(proba) ? "responsibilities" : "labels";
            context.Out.WriteLine($"wrote {what} of {source.Rows} rows to {parse.GetValue(output)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write(
        IRowSource source, GaussianMixtureParameters gmm, bool proba, string path, CliContext context)
    {
        using var table = proba
            ? TableOutput.ForDoubles(path, source.Rows, gmm.Components)
            : TableOutput.ForIntegers(path, source.Rows);
        GaussianMixtureScorer.ForEachChunk(source, gmm, context.Cancellation, (_, n, _, responsibilities, labels) =>
        {
            if (proba)
            {
                table.Append(responsibilities.AsSpan(0, n * gmm.Components));
            }
            else
            {
                table.Append(labels.AsSpan(0, n));
            }
        });
        table.Complete();
    }
}
