using System.CommandLine;
using AiMass.Coordinator.Fitting;
using AiMass.Kernels.Models;

namespace AiMass.Coordinator.Cli;

/// <summary><c>aimass fit hmm</c>: fit a hidden Markov model in this process and write the model file.</summary>
public static class FitHmmCommand
{
    /// <summary>The <c>hmm</c> subcommand of <c>fit</c>.</summary>
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("hmm", "Fit a hidden Markov model (Gaussian or categorical emissions)");
        var options = new HmmFitOptions();
        var device = new DeviceOptions();
        var output = new Option<string>("--output")
        {
            Description = "Model file to write",
            DefaultValueFactory = _ => "model.json",
        };
        options.AddTo(command);
        device.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var spec = options.ToSpec(parse);
            using var backend = device.CreateBackend(parse, context.Error);
            var observer = new ConsoleFitObserver(context.Out, context.Error);
            var result = LocalFit.Run(spec, backend, observer, context.Cancellation);
            var path = parse.GetValue(output)!;
            ModelFile.Save(path, result);
            context.Out.WriteLine($"model written to {path}");
            return ExitCodes.Success;
        });
        return command;
    }
}
