using AiMass.Kernels.Em;

namespace AiMass.Kernels.Candidates;

/// <summary>
/// The statistics of a <see cref="CandidateSet"/> over one chunk of rows: each member's statistics, in the set's
/// order (the concatenation of their float64 arrays), and each member's classification log-likelihood
/// Σ wᵢ log max_k r_ik (0 where not asked). Adding adds member by member, so a member's total has exactly the bits
/// it has in a fit of that model alone.
/// </summary>
public sealed class CandidateSetStatistics : SufficientStatistics
{
    private StatisticsLayout? _layout;

    /// <summary>Wraps the members' statistics (all over the same <paramref name="rows"/> rows of total weight
    /// <paramref name="weight"/>).</summary>
    public CandidateSetStatistics(
        IReadOnlyList<SufficientStatistics> members, double[] classification, long rows, double weight)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(classification);
        if (classification.Length != members.Count)
        {
            throw new ArgumentException($"{members.Count} members but {classification.Length} classification terms.");
        }

        Members = members;
        Classification = classification;
        Rows = rows;
        Weight = weight;
    }

    /// <summary>Each member's statistics, in the set's order.</summary>
    public IReadOnlyList<SufficientStatistics> Members { get; }

    /// <summary>Σ wᵢ log max_k r_ik per member, <c>[members]</c> (0 where the set did not ask).</summary>
    public double[] Classification { get; }

    /// <inheritdoc />
    /// <remarks>The members' mean: the set's "lower bound" is the mean of theirs (progress display only).</remarks>
    public override double LogLikelihood =>
        Members.Count == 0 ? 0 : Members.Sum(m => m.LogLikelihood) / Members.Count;

    /// <inheritdoc />
    public override double Weight { get; }

    /// <inheritdoc />
    public override long Rows { get; }

    /// <inheritdoc />
    /// <remarks>Built once (the members never change): every add into a sum asks for it.</remarks>
    public override StatisticsLayout Layout =>
        _layout ??= new CandidateSetStatisticsLayout(Members.Select(m => m.Layout).ToArray());

    /// <inheritdoc />
    public override SufficientStatistics Add(SufficientStatistics other)
    {
        if (other is not CandidateSetStatistics o || o.Members.Count != Members.Count)
        {
            throw new ArgumentException("Only statistics of the same candidate set can be added.", nameof(other));
        }

        var members = new SufficientStatistics[Members.Count];
        var classification = new double[Members.Count];
        for (var m = 0; m < members.Length; m++)
        {
            members[m] = Members[m].Add(o.Members[m]);
            classification[m] = Classification[m] + o.Classification[m];
        }

        return new CandidateSetStatistics(members, classification, Rows + o.Rows, Weight + o.Weight);
    }
}
