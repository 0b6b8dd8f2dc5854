using System.CommandLine;
using AiMass.Coordinator.Fitting;
using AiMass.Kernels.Candidates;
using AiMass.Kernels.Mixture;
using AiMass.Kernels.Models;
using AiMass.Seed.Data.Storage;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass select gmm</c>: every candidate (K × covariance × init) fitted together in this process, each E-step pass
/// over the rows computing the statistics of every candidate still running; the best by <c>--criterion</c> goes to
/// <c>--output</c> (a model file with the table under <c>selection</c>), the table to <c>--table</c> and stdout.
/// </summary>
public static class SelectCommand
{
    /// <summary>The <c>select</c> command.</summary>
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var select = new Command(
            "select", "Fit many candidate models in one data pass and keep the best by BIC, AIC or ICL");
        var options = new SelectOptions();
        var device = new DeviceOptions();
        var data = new DataAccessOptions();
        var output = OutputOption();
        var gmm = new Command("gmm", "Gaussian mixtures: every k × covariance × init in one pass");
        options.AddTo(gmm);
        device.AddTo(gmm);
        data.AddTo(gmm);
        gmm.Options.Add(output);
        gmm.SetAction(parse =>
        {
            var spec = device.ForDevice(options.ToSpec(parse), parse);
            var (path, table) = (parse.GetValue(output)!, parse.GetValue(options.Table));
            CheckOutputs(path, table);
            using var backend = device.CreateBackend(
                parse, context.Error, Kernels.Em.FitPrecisions.Parse(spec.Precision));
            var access = DataAccess.For(data.Resolve(parse, DataAccessSettings.FromEnvironment()));
            var result = LocalFit.Run(
                spec, backend, new SelectionObserver(context.Out), context.Cancellation, access);
            ModelFile.Save(path, result);
            Report(result.Selection!, result.Criterion!, (GaussianMixtureParameters)result.Parameters, table, context);
            context.Out.WriteLine($"best model written to {path}");
            return ExitCodes.Success;
        });
        select.Subcommands.Add(gmm);
        return select;
    }

    /// <summary>--output, the chosen model's file.</summary>
    public static Option<string> OutputOption() => new("--output")
    {
        Description = "Write the best model here (a model file; the table is in its \"selection\" field)",
        DefaultValueFactory = _ => "best.json",
    };

    /// <summary>Checks both outputs before the fit starts.</summary>
    public static void CheckOutputs(string model, string? table)
    {
        ModelOutput.CheckWritable(model);
        if (table is not null)
        {
            ModelOutput.CheckWritable(table);
        }
    }

    /// <summary>Prints the table (the chosen model marked) and writes the CSV.</summary>
    public static void Report(
        IReadOnlyList<SelectionRow> rows, string criterion, GaussianMixtureParameters best, string? table,
        CliContext context)
    {
        ArgumentNullException.ThrowIfNull(best);
        var chosen = SelectionReport.Chosen(rows, best.Components, best.CovarianceType.Name());
        SelectionReport.Write(rows, criterion, chosen, table, context);
    }
}
