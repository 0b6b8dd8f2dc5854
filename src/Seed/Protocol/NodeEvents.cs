using AiMass.Kernels.Em;

namespace AiMass.Seed.Protocol;

/// <summary>What worker nodes send back up a step's tree.</summary>
public static class NodeEvents
{
    /// <summary>
    /// The answer of a node for its whole subtree: which partitions it computed (their statistics summed in
    /// <paramref name="Sum"/>, order-independently), which failed and why, and which nodes below it were lost (their
    /// partitions are in neither list). A chunked payload, like <see cref="NodeCommands.ComputeStep"/>.
    /// </summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="Step">The step answered.</param>
    /// <param name="RequestId">The request answered.</param>
    /// <param name="Node">The answering node's address.</param>
    /// <param name="Done">Partitions whose statistics are in <paramref name="Sum"/>.</param>
    /// <param name="Failed">Partitions that could not compute.</param>
    /// <param name="LostNodes">Nodes of the subtree that were removed or could not be reached.</param>
    /// <param name="Sum">The summed statistics of <paramref name="Done"/>; null when none is done.</param>
    public sealed record StepComputed(
        string JobId, int Step, long RequestId, string Node, IReadOnlyList<PartitionDone> Done,
        IReadOnlyList<PartitionFailure> Failed, IReadOnlyList<string> LostNodes, StatisticsSum? Sum);
}

/// <summary>A partition's part of a node's answer.</summary>
/// <param name="Partition">Partition index.</param>
/// <param name="Attempt">The attempt answered.</param>
/// <param name="ComputeMilliseconds">Its E-step time.</param>
/// <param name="LoadMilliseconds">Time spent loading it for this request (0 once loaded).</param>
/// <param name="Worker">The node that computed it.</param>
/// <param name="Device">The device that computed it.</param>
public sealed record PartitionDone(
    int Partition, int Attempt, double ComputeMilliseconds, double LoadMilliseconds, string Worker, string Device);

/// <summary>A partition that could not compute.</summary>
/// <param name="Partition">Partition index.</param>
/// <param name="Attempt">The attempt that failed.</param>
/// <param name="Kind">What kind of failure: it decides what the job does.</param>
/// <param name="Message">What went wrong, for the user.</param>
/// <param name="Worker">The node it failed on.</param>
public sealed record PartitionFailure(
    int Partition, int Attempt, PartitionFailureKind Kind, string Message, string Worker);

/// <summary>Why a partition could not compute, and so what the job does about it.</summary>
public enum PartitionFailureKind
{
    /// <summary>Anything else (a device error, out of memory): asked again, up to <c>MaxAttempts</c>.</summary>
    Transient,

    /// <summary>Bad input the user must fix (NaN in the rows, say): the job fails (exit code 2).</summary>
    InputError,

    /// <summary>This node cannot open the dataset: the node is left out of the job, its partitions go
    /// elsewhere.</summary>
    DataUnreadable,

    /// <summary>The node's answer is larger than it may send (<c>MaxPayloadBytes</c>): the job fails (exit
    /// 2).</summary>
    Unsendable,
}
