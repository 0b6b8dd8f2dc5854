using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Seed.Protocol;

/// <summary>
/// Requests to a worker node's <c>worker-node</c> actor: one step request per node (or per subtree of nodes),
/// whatever the number of partitions it holds.
/// </summary>
public static class NodeCommands
{
    /// <summary>
    /// Compute step <paramref name="Step"/> of job <paramref name="JobId"/> on this node's
    /// <paramref name="Partitions"/>, forward the request down <paramref name="Subtree"/>, and send back one
    /// <see cref="NodeEvents.StepComputed"/> to <paramref name="ReplyTo"/> with the whole subtree's summed statistics.
    /// Too large for one remoting frame in general, so it never travels as a message of its own: it is a chunked
    /// payload (<see cref="Serialization.StepCodec"/>, <see cref="PayloadChunks"/>).
    /// </summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="Step">E-step pass number within the job.</param>
    /// <param name="RequestId">Chosen by the requester; the reply carries it back.</param>
    /// <param name="ReplyTo">Full actor path of the requester.</param>
    /// <param name="Dataset">Where the rows are.</param>
    /// <param name="Parameters">The step's parameters (decoded, and factorised, once per node).</param>
    /// <param name="Partitions">This node's partitions, with the attempt each is asked in.</param>
    /// <param name="Subtree">The nodes below this one (<see cref="SubtreeNode.Parent"/> −1: a direct child).</param>
    /// <param name="Precision">The step's arithmetic, chosen by the job's EM driver, the same on every node.</param>
    public sealed record ComputeStep(
        string JobId, int Step, long RequestId, string ReplyTo, DatasetRef Dataset, ModelParameters Parameters,
        IReadOnlyList<PartitionAsk> Partitions, IReadOnlyList<SubtreeNode> Subtree,
        EStepPrecision Precision = EStepPrecision.Double);

    /// <summary>The job is over (or these partitions moved): free their memory and device buffers.</summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="Partitions">The partitions to free; empty: all of the job's.</param>
    public sealed record ReleaseJob(string JobId, IReadOnlyList<int> Partitions) : IAimassMessage;
}

/// <summary>A partition asked in a step, with the attempt (1 for the first ask, +1 for each re-ask after a
/// failure).</summary>
/// <param name="Partition">Partition index.</param>
/// <param name="Attempt">Attempt number.</param>
public readonly record struct PartitionAsk(int Partition, int Attempt);

/// <summary>One node of a step's fan-out tree.</summary>
/// <param name="Address">The node's cluster address.</param>
/// <param name="Parent">Index of its parent in the same list; −1 when its parent is the recipient.</param>
/// <param name="Partitions">Its own partitions.</param>
public sealed record SubtreeNode(string Address, int Parent, IReadOnlyList<PartitionAsk> Partitions);
