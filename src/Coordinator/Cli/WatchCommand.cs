using System.CommandLine;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass watch JOB</c>: follows a job until it ends (every iteration so far, then live), with the exit code of
/// <c>submit</c>: 0 succeeded, 1 failed or cancelled, 2 failed on bad input.
/// </summary>
public static class WatchCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (command, job, client) = JobCommand.Create(
            "watch", "Follow a job until it ends (Ctrl-C stops following, not the job)");
        var output = new Option<string?>("--output")
        {
            Description = "Write the model file here when the job succeeds",
        };
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output);
            if (path is not null)
            {
                ModelOutput.CheckWritable(path);
            }

            using var coordinator = client.Connect(parse, context.Error);
            return JobFollower.RunAsync(coordinator, parse.GetValue(job)!, path, client.WantsJson(parse), context)
                .GetAwaiter().GetResult();
        });
        return command;
    }
}
