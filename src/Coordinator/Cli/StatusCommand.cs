using System.CommandLine;
using System.Globalization;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass status JOB</c>: one job's state, progress and latest iteration (exit 0 whatever the state).
/// </summary>
public static class StatusCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (command, job, client) = JobCommand.Create("status", "Show a job's state and progress");
        command.SetAction(parse =>
        {
            using var coordinator = client.Connect(parse, context.Error);
            var status = coordinator.StatusAsync(parse.GetValue(job)!, 0, context.Cancellation)
                .GetAwaiter().GetResult();
            if (client.WantsJson(parse))
            {
                CliJson.Write(context.Out, status);
            }
            else
            {
                Print(status, context.Out);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The status as "name: value" lines.</summary>
    public static void Print(JobStatus status, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(output);
        static string Time(DateTimeOffset t) =>
            t.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
        output.WriteLine($"job:        {status.JobId}");
        output.WriteLine($"state:      {JobProgressView.FormatState(status.State)}");
        output.WriteLine($"summary:    {status.Summary}");
        output.WriteLine($"submitted:  {Time(status.SubmittedAt)}");
        if (status.FinishedAt is { } finished)
        {
            output.WriteLine($"finished:   {Time(finished)} ({(finished - status.SubmittedAt).TotalSeconds:F1} s)");
        }

        output.WriteLine($"partitions: {status.PartitionsDone}/{status.PartitionsTotal} done in the current step");
        output.WriteLine($"iterations: {status.IterationsTotal} ({status.InitCount} initialisation(s))");
        if (status.History.Count > 0)
        {
            var last = status.History[^1];
            output.WriteLine(
                $"last:       init {last.Init + 1} iteration {last.Iteration}, lower_bound {last.LowerBound:F8}, " +
                $"change {JobProgressView.FormatChange(last.Change)}, {last.Milliseconds:F1} ms");
        }

        if (status.Converged is { } converged)
        {
            output.WriteLine($"converged:  {(converged ? "yes" : "no")}");
        }

        if (status.Error is { } error)
        {
            var label = status.State == JobState.Paused ? "paused:    " : "error:     ";
            output.WriteLine($"{label} {error}{(status.InputError ? " (bad input)" : "")}");
        }
    }
}
