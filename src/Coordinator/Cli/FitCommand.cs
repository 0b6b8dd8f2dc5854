using System.CommandLine;
using AiMass.Coordinator.Fitting;
using AiMass.Kernels.Models;

namespace AiMass.Coordinator.Cli;

/// <summary><c>aimass fit gmm|hmm</c>: fit in this process and write the model file.</summary>
public static class FitCommand
{
    /// <summary>The <c>fit</c> command with its model subcommands.</summary>
    public static Command Build(CliContext context)
    {
        var fit = new Command("fit", "Fit a model in this process (the same driver as a cluster job, local partitions)");
        fit.Subcommands.Add(BuildGmm(context));
        fit.Subcommands.Add(FitHmmCommand.Build(context));
        return fit;
    }

    private static Command BuildGmm(CliContext context)
    {
        var command = new Command("gmm", "Fit a Gaussian mixture");
        var options = new GmmFitOptions();
        var device = new DeviceOptions();
        var output = new Option<string>("--output") { Description = "Model file to write", DefaultValueFactory = _ => "model.json" };
        options.AddTo(command);
        device.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var spec = options.ToSpec(parse);
            using var backend = device.CreateBackend(parse, context.Error);
            var result = LocalFit.Run(spec, backend, new ConsoleFitObserver(context.Out, context.Error), context.Cancellation);
            var path = parse.GetValue(output)!;
            ModelFile.Save(path, result);
            context.Out.WriteLine($"model written to {path}");
            return ExitCodes.Success;
        });
        return command;
    }
}
