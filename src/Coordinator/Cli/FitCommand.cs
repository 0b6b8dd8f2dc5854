using System.CommandLine;
using AiMass.Coordinator.Fitting;
using AiMass.Kernels.Models;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Cli;

/// <summary><c>aimass fit gmm|hmm</c>: fit in this process and write the model file.</summary>
public static class FitCommand
{
    /// <summary>The <c>fit</c> command with its model subcommands.</summary>
    public static Command Build(CliContext context)
    {
        var fit = new Command(
            "fit", "Fit a model in this process (the same driver as a cluster job, local partitions)");
        var gmm = new GmmFitOptions();
        fit.Subcommands.Add(ForModel("gmm", "Fit a Gaussian mixture", gmm.AddTo, gmm.ToSpec, context));
        var hmm = new HmmFitOptions();
        fit.Subcommands.Add(ForModel(
            "hmm", "Fit a hidden Markov model (Gaussian or categorical emissions)", hmm.AddTo, hmm.ToSpec, context));
        return fit;
    }

    /// <summary>
    /// A <c>fit MODEL</c> subcommand: <paramref name="addFitOptions"/> adds the model's fit flags,
    /// <paramref name="toSpec"/> turns them into the fit; <c>--device</c> and <c>--output</c> are added here.
    /// </summary>
    private static Command ForModel(
        string name, string description, Action<Command> addFitOptions, Func<ParseResult, FitSpec> toSpec,
        CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command(name, description);
        var device = new DeviceOptions();
        var data = new DataAccessOptions();
        var output = new Option<string>("--output")
        {
            Description = "Model file to write",
            DefaultValueFactory = _ => "model.json",
        };
        addFitOptions(command);
        device.AddTo(command);
        data.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var spec = device.ForDevice(toSpec(parse), parse);
            using var backend = device.CreateBackend(
                parse, context.Error, Kernels.Em.FitPrecisions.Parse(spec.Precision));
            var observer = new ConsoleFitObserver(context.Out, context.Error);
            var access = DataAccess.For(data.Resolve(parse, DataAccessSettings.FromEnvironment()));
            var result = LocalFit.Run(spec, backend, observer, context.Cancellation, access);
            var path = parse.GetValue(output)!;
            ModelFile.Save(path, result);
            context.Out.WriteLine($"model written to {path}");
            return ExitCodes.Success;
        });
        return command;
    }
}
