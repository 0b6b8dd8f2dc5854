using AiMass.Kernels.Em;

namespace AiMass.Seed.Inference;

/// <summary>
/// Positions of <see cref="InferenceStatistics"/>: the partitions' log-likelihood, the outputs written and the parts
/// written (whole numbers below 2⁵³, which the binned sum adds exactly); the rows are the exact count beside them.
/// Nodes and the coordinator add inference reports like any statistics, so the counts do not depend on placement.
/// </summary>
public sealed record InferenceStatisticsLayout : StatisticsLayout
{
    /// <summary>The one layout (inference reports have a fixed shape).</summary>
    public static InferenceStatisticsLayout Instance { get; } = new();

    /// <inheritdoc />
    public override int Length => 3;

    /// <inheritdoc />
    public override void Deposit(SufficientStatistics statistics, ReproducibleSums sums)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var s = (InferenceStatistics)statistics;
        sums.Add(0, s.LogLikelihood);
        sums.Add(1, s.Outputs);
        sums.Add(2, s.Parts);
    }

    /// <inheritdoc />
    public override (long Rows, long Sequences) Counts(SufficientStatistics statistics) =>
        (((InferenceStatistics)statistics).Rows, 0);

    /// <inheritdoc />
    public override SufficientStatistics Build(ReproducibleSums sums, long rows, long sequences)
    {
        ArgumentNullException.ThrowIfNull(sums);
        return new InferenceStatistics(rows, (long)sums.Value(1), sums.Value(0), (int)sums.Value(2));
    }
}
