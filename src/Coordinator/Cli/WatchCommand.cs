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
        var command = new Command("watch", "Follow a job until it ends (Ctrl-C stops following, not the job)");
        var job = new Argument<string>("JOB") { Description = "Job id (see 'aimass jobs')" };
        var output = new Option<string?>("--output")
        {
            Description = "Write the model file here when the job succeeds",
        };
        var client = new ClientOptions();
        command.Arguments.Add(job);
        client.AddTo(command);
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
