using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AiMass.Coordinator.Api;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// <c>aimass logs JOB</c>: a job's progress events after the fact — every iteration the coordinator recorded (the
/// history it keeps in its job store, so it survives a coordinator restart), then the job's state — in the format of
/// <c>aimass watch</c>; with <c>--json</c>, as the progress stream's newline-delimited JSON events. It does not wait
/// for a running job: it prints what there is and exits 0.
/// </summary>
public static class LogsCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (command, job, client) = JobCommand.Create(
            "logs", "Print a job's progress so far (its iterations and state, from the job store) and exit");
        command.SetAction(parse =>
        {
            using var coordinator = client.Connect(parse, context.Error);
            var status = coordinator.StatusAsync(parse.GetValue(job)!, 0, context.Cancellation)
                .GetAwaiter().GetResult();
            if (client.WantsJson(parse))
            {
                WriteJson(context.Out, status);
            }
            else
            {
                WriteText(context.Out, status);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The events as the progress stream sends them: one JSON object per line.</summary>
    public static void WriteJson(TextWriter output, JobStatus status)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(status);
        foreach (var entry in status.History)
        {
            output.WriteLine(JsonSerializer.Serialize(new { type = "iteration", entry }, ApiJson.Options));
        }

        output.WriteLine(JsonSerializer.Serialize(
            new { type = "status", status = status with { History = [] } }, ApiJson.Options));
    }

    /// <summary>The lines <c>watch</c> prints, then the state (and the error of a failed job).</summary>
    public static void WriteText(TextWriter output, JobStatus status)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(status);
        var view = new PlainProgressView(output);
        var submitted = status.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        output.WriteLine($"job {status.JobId}: {status.Summary}, submitted {submitted} UTC");
        foreach (var entry in status.History)
        {
            view.Iterated(entry, status.InitCount);
        }

        var ended = status.FinishedAt is { } at ? $" at {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : "";
        var converged = status.Converged is { } c ? (c ? ", converged" : ", not converged") : "";
        output.WriteLine($"job {status.JobId} {JobProgressView.FormatState(status.State)}{ended}: " +
            $"{status.IterationsTotal} iteration(s){converged}");
        if (status.Error is { } error)
        {
            output.WriteLine($"  error: {error}");
        }
    }
}
