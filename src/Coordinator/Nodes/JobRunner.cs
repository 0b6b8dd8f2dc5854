using Akka.Actor;
using AiMass.Kernels;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Nodes;

/// <summary>
/// Submits a job to a job manager actor and follows it to the end (in-process clients: <c>local</c>, tests).
/// </summary>
public static class JobRunner
{
    /// <summary>
    /// Submits <paramref name="spec"/>, calls <paramref name="onIteration"/> for each new iteration, and returns the
    /// final status with the model file (when the job succeeded). A rejected submission throws: bad input as
    /// <see cref="InvalidInputException"/>.
    /// </summary>
    public static async Task<(JobStatus Status, string? ModelJson)> RunAsync(
        IActorRef jobManager, FitSpec spec, Action<ProgressEntry>? onIteration, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(jobManager);
        var reply = await jobManager.Ask<object>(
            new JobCommands.SubmitJob(spec), TimeSpan.FromMinutes(3), cancellation);
        var id = reply switch
        {
            JobCommands.JobSubmitted ok => ok.JobId,
            JobCommands.JobRejected { IsInputError: true } no => throw new InvalidInputException(no.Message),
            JobCommands.JobRejected no => throw new InvalidOperationException(no.Message),
            _ => throw new InvalidOperationException($"Unexpected reply {reply.GetType().Name}."),
        };
        var seen = 0;
        while (true)
        {
            if (cancellation.IsCancellationRequested)
            {
                await jobManager.Ask<object>(
                    new JobCommands.CancelJob(id), TimeSpan.FromSeconds(10), CancellationToken.None);
                cancellation.ThrowIfCancellationRequested();
            }

            var status = (await jobManager.Ask<JobQueries.JobStatusReply>(
                new JobQueries.GetJob(id, seen), TimeSpan.FromSeconds(15), cancellation)).Status;
            foreach (var entry in status.History)
            {
                onIteration?.Invoke(entry);
            }

            seen += status.History.Count;
            if (status.IsFinal)
            {
                var model = status.State == JobState.Succeeded
                    ? (await jobManager.Ask<JobQueries.JobModel>(
                        new JobQueries.GetJobModel(id), TimeSpan.FromSeconds(15))).ModelJson
                    : null;
                return (status, model);
            }

            await Task.Delay(200, CancellationToken.None);
        }
    }
}
