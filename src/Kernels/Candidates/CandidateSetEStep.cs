using AiMass.Kernels.Data;
using AiMass.Kernels.Em;
using AiMass.Kernels.Mixture;

namespace AiMass.Kernels.Candidates;

/// <summary>
/// The E-step of a <see cref="CandidateSet"/> on a backend without a fused pass: each member by the backend's own
/// E-step (so its statistics are those of a fit of it alone), the classification terms by
/// <see cref="ClassificationLikelihood"/>. The CPU backend fuses the members into one pass over the rows instead.
/// </summary>
public static class CandidateSetEStep
{
    /// <summary>The set's statistics over <paramref name="partition"/>, members computed by
    /// <paramref name="compute"/>, each in its own precision (<see cref="CandidateSet.PrecisionOf"/> of
    /// <paramref name="precision"/>, the step's).</summary>
    public static CandidateSetStatistics ComputeEach(
        CandidateSet set, DataPartition partition, EStep.EStepPrecision? precision,
        Func<ModelParameters, EStep.EStepPrecision?, SufficientStatistics> compute,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(compute);
        var members = new SufficientStatistics[set.Members.Count];
        var classification = new double[members.Length];
        for (var m = 0; m < members.Length; m++)
        {
            members[m] = compute(set.Members[m], set.PrecisionOf(m, precision));
            classification[m] = Classification(set, m, partition, cancellationToken);
        }

        return Assemble(members, classification, partition);
    }

    /// <summary>Member <paramref name="m"/>'s classification term, or 0 when the set does not ask for it.</summary>
    public static double Classification(
        CandidateSet set, int m, DataPartition partition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Classify[m] && set.Members[m] is GaussianMixtureParameters gmm
            ? ClassificationLikelihood.Compute(partition, gmm, cancellationToken)
            : 0;
    }

    /// <summary>The set's statistics from its members' (rows and weight from the first, or the partition's rows).
    /// </summary>
    public static CandidateSetStatistics Assemble(
        SufficientStatistics[] members, double[] classification, DataPartition partition)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(partition);
        return members.Length == 0
            ? new CandidateSetStatistics(members, classification, partition.RowCount, partition.RowCount)
            : new CandidateSetStatistics(members, classification, members[0].Rows, members[0].Weight);
    }
}
