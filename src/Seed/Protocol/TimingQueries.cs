namespace AiMass.Seed.Protocol;

/// <summary>How long each partition took in a job's last step (the dashboard's per-partition bars).</summary>
public static class TimingQueries
{
    /// <summary>
    /// Ask the job manager for the timings of <paramref name="JobId"/>'s last reduced step; replied with
    /// <see cref="StepTimings"/> or <see cref="JobCommands.JobNotFound"/>.
    /// </summary>
    /// <param name="JobId">Job id.</param>
    public sealed record GetStepTimings(string JobId) : IAimassMessage;

    /// <summary>One partition's answer in a step.</summary>
    /// <param name="Partition">Partition index.</param>
    /// <param name="Milliseconds">Its E-step time on the worker.</param>
    /// <param name="Worker">The worker node's address.</param>
    /// <param name="Device">The device that computed.</param>
    public sealed record PartitionTiming(int Partition, double Milliseconds, string Worker, string Device);

    /// <summary>The timings of a job's last reduced step (Step 0 and no partitions before the first).</summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="Step">The step.</param>
    /// <param name="Partitions">By partition index.</param>
    public sealed record StepTimings(string JobId, int Step, IReadOnlyList<PartitionTiming> Partitions)
        : IAimassMessage;
}
