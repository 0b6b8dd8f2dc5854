using System.CommandLine;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass jobs delete JOB</c>: removes a finished job (status, history, model) from the coordinator's job store.
/// A job that has not ended is refused (exit 2): cancel it first.
/// </summary>
public static class JobsDeleteCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (command, job, client) = JobCommand.Create(
            "delete", "Delete a finished job from the coordinator's job store (cancel a running job first)");
        command.SetAction(parse =>
        {
            var id = parse.GetValue(job)!;
            using var coordinator = client.Connect(parse);
            var deleted = coordinator.DeleteAsync(id, context.Cancellation).GetAwaiter().GetResult();
            if (client.WantsJson(parse))
            {
                CliJson.Write(context.Out, deleted);
            }
            else
            {
                context.Out.WriteLine($"job {deleted.JobId} deleted");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
