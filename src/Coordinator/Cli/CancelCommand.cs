using System.CommandLine;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass cancel JOB</c>: stops a job; a job that already ended is left as it is (exit 0 either way).
/// </summary>
public static class CancelCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (command, job, client) = JobCommand.Create(
            "cancel", "Stop a job (its partitions are released; the history stays queryable)");
        command.SetAction(parse =>
        {
            var id = parse.GetValue(job)!;
            using var coordinator = client.Connect(parse, context.Error);
            var before = coordinator.StatusAsync(id, int.MaxValue, context.Cancellation).GetAwaiter().GetResult();
            var after = coordinator.CancelAsync(id, context.Cancellation).GetAwaiter().GetResult();
            if (client.WantsJson(parse))
            {
                CliJson.Write(context.Out, after);
            }
            else if (before.IsFinal)
            {
                context.Out.WriteLine(
                    $"job {id} already ended ({JobProgressView.FormatState(before.State)}); nothing to cancel");
            }
            else
            {
                context.Out.WriteLine($"job {id} {JobProgressView.FormatState(after.State)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
