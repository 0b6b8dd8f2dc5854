using System.CommandLine;
using AiMass.Coordinator.Client;
using AiMass.Seed.Jobs;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass submit gmm|… [fit flags] [--coordinator URL] [--no-wait] [--output F] [--json]</c>: sends a job to
/// the coordinator and, unless <c>--no-wait</c>, follows it to the end like <c>watch</c>. Each model subcommand
/// takes the same flags as its <c>fit</c> counterpart.
/// </summary>
public static class SubmitCommand
{
    /// <summary>The <c>submit</c> command with its model subcommands.</summary>
    public static Command Build(CliContext context)
    {
        var submit = new Command(
            "submit", "Submit a job to the cluster's coordinator and follow it (Ctrl-C stops following, not the job)");
        var gmm = new GmmFitOptions();
        submit.Subcommands.Add(
            ForModel("gmm", "Fit a Gaussian mixture on the cluster", gmm.AddTo, gmm.ToSpec, context));
        var hmm = new HmmFitOptions();
        submit.Subcommands.Add(
            ForModel("hmm", "Fit a hidden Markov model on the cluster", hmm.AddTo, hmm.ToSpec, context));
        submit.Subcommands.Add(SubmitSelectCommand.Build(context));
        foreach (var inference in SubmitInferenceCommand.Build(context))
        {
            submit.Subcommands.Add(inference);
        }

        return submit;
    }

    /// <summary>
    /// A <c>submit MODEL</c> subcommand: <paramref name="addFitOptions"/> adds the model's fit flags and
    /// <paramref name="toSpec"/> turns them into the job (data paths absolute: nodes resolve them themselves).
    /// </summary>
    public static Command ForModel(
        string name, string description, Action<Command> addFitOptions, Func<ParseResult, FitSpec> toSpec,
        CliContext context)
    {
        ArgumentNullException.ThrowIfNull(addFitOptions);
        ArgumentNullException.ThrowIfNull(toSpec);
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command(name, description);
        var client = new ClientOptions();
        var noWait = new Option<bool>("--no-wait")
        {
            Description = "Print the job id and return without following the job",
        };
        var output = new Option<string?>("--output")
        {
            Description = "Write the model file here when the job succeeds",
        };
        addFitOptions(command);
        client.AddTo(command);
        command.Options.Add(noWait);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var spec = toSpec(parse);
            var path = parse.GetValue(output);
            if (path is not null)
            {
                ModelOutput.CheckWritable(path);
            }

            using var coordinator = client.Connect(parse, context.Error);
            return RunAsync(coordinator, spec, parse.GetValue(noWait), path, client.WantsJson(parse), context)
                .GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CoordinatorClient coordinator, FitSpec spec, bool noWait, string? output, bool json, CliContext context)
    {
        var id = await coordinator.SubmitAsync(spec, context.Cancellation);
        if (noWait)
        {
            if (json)
            {
                CliJson.Write(context.Out, new { job_id = id });
            }
            else
            {
                context.Out.WriteLine(id);
            }

            return ExitCodes.Success;
        }

        if (!json)
        {
            context.Out.WriteLine($"submitted job {id} to {CoordinatorAddress.Display(coordinator.Address)}");
        }

        return await JobFollower.RunAsync(coordinator, id, output, json, context);
    }
}
