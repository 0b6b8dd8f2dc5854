using AiMass.Kernels.Em;

namespace AiMass.Seed.Protocol;

/// <summary>Replies of partition entities to the job that asked.</summary>
public static class PartitionEvents
{
    /// <summary>A partition's statistics for one step.</summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="Partition">Partition index.</param>
    /// <param name="Step">The step they answer.</param>
    /// <param name="Attempt">The attempt they answer.</param>
    /// <param name="Statistics">The statistics (float64).</param>
    /// <param name="ComputeMilliseconds">E-step time on the worker.</param>
    /// <param name="LoadMilliseconds">Time spent loading the partition for this request (0 once loaded).</param>
    /// <param name="Worker">Address of the worker node.</param>
    /// <param name="Device">The device that computed.</param>
    public sealed record StatisticsComputed(
        string JobId, int Partition, int Step, int Attempt, SufficientStatistics Statistics,
        double ComputeMilliseconds, double LoadMilliseconds, string Worker, string Device) : IAimassMessage;

    /// <summary>A partition could not compute (e.g. the file is unreadable on that worker).</summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="Partition">Partition index.</param>
    /// <param name="Step">The step that failed.</param>
    /// <param name="Attempt">The attempt that failed.</param>
    /// <param name="Message">What went wrong, for the user.</param>
    /// <param name="IsInputError">True when the user must fix the input (the job fails rather than retries).</param>
    /// <param name="Worker">Address of the worker node.</param>
    /// <param name="IsDataUnreadable">True when this node cannot open the dataset (it is left out of the job).</param>
    public sealed record StatisticsFailed(
        string JobId, int Partition, int Step, int Attempt, string Message, bool IsInputError, string Worker,
        bool IsDataUnreadable = false)
        : IAimassMessage;
}
