using AiMass.Kernels.Em;
using AiMass.Kernels.EStep;

namespace AiMass.Seed.Protocol;

/// <summary>
/// Commands to a worker node's partition entities (children of its <c>worker-node</c> actor, one per job and
/// partition), sent by the node itself for each step request it takes.
/// </summary>
public static class PartitionCommands
{
    /// <summary>
    /// Compute the partition's statistics under <paramref name="Parameters"/>. Idempotent: (job, step) identifies
    /// the request; a re-ask carries a higher <paramref name="Attempt"/>, and the same answer is sent again.
    /// </summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="Partition">Partition index.</param>
    /// <param name="Step">E-step pass number within the job (iterations of every init, then the scoring pass).</param>
    /// <param name="Attempt">1 for the first ask, +1 for each re-ask after a deadline.</param>
    /// <param name="Dataset">Where the rows are (loaded once per entity).</param>
    /// <param name="Parameters">The parameters of this step.</param>
    /// <param name="Precision">The step's arithmetic, chosen by the job's EM driver
    /// (<see cref="EmFit.PrecisionToEvaluate"/>) so that every worker computes the step alike.</param>
    public sealed record ComputeStatistics(
        string JobId, int Partition, int Step, int Attempt, DatasetRef Dataset, ModelParameters Parameters,
        EStepPrecision Precision = EStepPrecision.Double)
        : IAimassMessage;

    /// <summary>The job is over: free the partition's memory and device buffers, and passivate.</summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="Partition">Partition index.</param>
    public sealed record ReleasePartition(string JobId, int Partition) : IAimassMessage;
}
