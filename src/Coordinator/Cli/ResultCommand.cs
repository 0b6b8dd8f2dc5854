using System.CommandLine;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass result JOB [--output F]</c>: the model file of a succeeded job, written to F or printed on standard
/// output; a job without a model (running, failed, cancelled) is exit code 1 with the reason.
/// </summary>
public static class ResultCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (command, job, client) = JobCommand.Create(
            "result", "Fetch a succeeded job's model file", withJson: false);
        var output = new Option<string?>("--output") { Description = "Model file to write (default: print it)" };
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output);
            if (path is not null)
            {
                ModelOutput.CheckWritable(path);
            }

            using var coordinator = client.Connect(parse, context.Error);
            var model = coordinator.ModelAsync(parse.GetValue(job)!, context.Cancellation).GetAwaiter().GetResult();
            if (path is null)
            {
                context.Out.WriteLine(model);
            }
            else
            {
                ModelOutput.Write(path, model);
                context.Out.WriteLine($"model written to {path}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
