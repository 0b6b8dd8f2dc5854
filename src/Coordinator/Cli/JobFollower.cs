using AiMass.Coordinator.Client;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Cli;

/// <summary>
/// Follows a job to its end for <c>submit</c> and <c>watch</c>: shows its progress, fetches the model when asked,
/// and turns the outcome into the exit code (0 succeeded, 1 failed or cancelled, 2 failed on bad input).
/// Ctrl-C stops following, not the job.
/// </summary>
public static class JobFollower
{
    /// <summary>
    /// Follows <paramref name="jobId"/>; writes the model to <paramref name="output"/> (if given) when it succeeds;
    /// with <paramref name="json"/> prints only the final status (with its history) as JSON.
    /// </summary>
    public static async Task<int> RunAsync(
        CoordinatorClient client, string jobId, string? output, bool json, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        JobProgressView? view = json ? null
            : Terminal.IsInteractive(context.Out) ? new LiveProgressView(Spectre.Console.AnsiConsole.Console)
            : new PlainProgressView(context.Out);
        ProgressEntry? last;
        JobStatus final;
        try
        {
            (final, last) = await FollowAsync(client, jobId, view, context.Cancellation);
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            context.Error.WriteLine(
                $"aimass: stopped following job {jobId}; it keeps running ('aimass watch {jobId}' follows it again, " +
                $"'aimass cancel {jobId}' stops it).");
            return ExitCodes.Failure;
        }

        if (final.State == JobState.Succeeded && output is not null)
        {
            ModelOutput.Write(output, await client.ModelAsync(jobId, CancellationToken.None));
        }

        if (json)
        {
            CliJson.Write(context.Out, await client.StatusAsync(jobId, 0, CancellationToken.None));
        }

        return JobOutcome.Report(final, last, output, json, context);
    }

    /// <summary>
    /// Follows the progress stream until the job ends; returns its final status and last iteration. Reports each
    /// event to <paramref name="view"/> (none: quiet).
    /// </summary>
    public static async Task<(JobStatus Final, ProgressEntry? Last)> FollowAsync(
        CoordinatorClient client, string jobId, JobProgressView? view, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        // Asked first: an unknown id fails cleanly, and the number of initialisations is known before the replay.
        var initCount = (await client.StatusAsync(jobId, int.MaxValue, cancellation)).InitCount;
        JobStatus? final = null;
        ProgressEntry? last = null;
        async Task Follow()
        {
            await foreach (var e in client.EventsAsync(jobId, cancellation))
            {
                if (e.Iteration is { } entry)
                {
                    last = entry;
                    view?.Iterated(entry, initCount);
                }

                if (e.Status is { } status)
                {
                    initCount = status.InitCount;
                    final = status.IsFinal ? status : null;
                    view?.StatusChanged(status);
                }
            }
        }

        await (view?.RunAsync(Follow) ?? Follow());
        final ??= await client.StatusAsync(jobId, int.MaxValue, cancellation);
        return final.IsFinal
            ? (final, last)
            : throw new CoordinatorException(
                $"the coordinator's progress stream for job {jobId} ended while the job is " +
                $"{JobProgressView.FormatState(final.State)}; 'aimass watch {jobId}' follows it again");
    }
}
