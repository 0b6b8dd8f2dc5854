using System.CommandLine;
using System.Globalization;

namespace AiMass.Coordinator.Cli;

/// <summary><c>aimass jobs</c>: every job the coordinator knows, newest first; <c>aimass jobs delete JOB</c> removes
/// a finished one.</summary>
public static class JobsCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("jobs", "List the coordinator's jobs, newest first");
        var client = new ClientOptions();
        client.AddTo(command);
        command.Subcommands.Add(JobsDeleteCommand.Build(context));
        command.SetAction(parse =>
        {
            using var coordinator = client.Connect(parse, context.Error);
            var jobs = coordinator.JobsAsync(context.Cancellation).GetAwaiter().GetResult();
            if (client.WantsJson(parse))
            {
                CliJson.Write(context.Out, jobs);
                return ExitCodes.Success;
            }

            if (jobs.Count == 0)
            {
                context.Out.WriteLine("no jobs yet; 'aimass submit gmm --data …' starts one");
                return ExitCodes.Success;
            }

            var table = new TextColumns("JOB", "STATE", "ITERATIONS", "SUBMITTED", "SUMMARY");
            foreach (var job in jobs)
            {
                table.Add(
                    job.JobId, JobProgressView.FormatState(job.State),
                    job.IterationsTotal.ToString(CultureInfo.InvariantCulture),
                    job.SubmittedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    job.Summary);
            }

            table.Write(context.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}
