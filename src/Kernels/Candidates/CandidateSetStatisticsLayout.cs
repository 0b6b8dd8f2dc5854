using AiMass.Kernels.Em;

namespace AiMass.Kernels.Candidates;

/// <summary>
/// Positions of <see cref="CandidateSetStatistics"/>: each member's layout in the set's order (concatenated), then
/// one classification term per member, then the set's weight. A member's positions hold exactly what a fit of that
/// model alone sums, so its total has the same bits as in a separate fit, whatever the order or grouping.
/// </summary>
public sealed record CandidateSetStatisticsLayout : StatisticsLayout
{
    private readonly StatisticsLayout[] _members;
    private readonly int[] _offsets;

    /// <summary>The layout of a set whose members have <paramref name="members"/> layouts, in order.</summary>
    public CandidateSetStatisticsLayout(IReadOnlyList<StatisticsLayout> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        _members = [.. members];
        _offsets = new int[_members.Length + 1];
        for (var m = 0; m < _members.Length; m++)
        {
            _offsets[m + 1] = checked(_offsets[m] + _members[m].Length);
        }
    }

    /// <summary>The members' layouts, in the set's order.</summary>
    public IReadOnlyList<StatisticsLayout> Members => _members;

    private int ClassificationOffset => _offsets[^1];

    /// <inheritdoc />
    public override int Length => checked(ClassificationOffset + _members.Length + 1);

    /// <inheritdoc />
    public override void Deposit(SufficientStatistics statistics, ReproducibleSums sums)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var s = (CandidateSetStatistics)statistics;
        for (var m = 0; m < _members.Length; m++)
        {
            var part = new ReproducibleSums(_members[m].Length);
            _members[m].Deposit(s.Members[m], part);
            SumsWindow.MergeAt(sums, _offsets[m], part);
        }

        sums.Add(ClassificationOffset, s.Classification);
        sums.Add(Length - 1, s.Weight);
    }

    /// <inheritdoc />
    /// <remarks>Every member covers the set's rows; the sequences are the HMM members' (0 for mixtures).</remarks>
    public override (long Rows, long Sequences) Counts(SufficientStatistics statistics)
    {
        var s = (CandidateSetStatistics)statistics;
        long sequences = 0;
        for (var m = 0; m < _members.Length; m++)
        {
            sequences = Math.Max(sequences, _members[m].Counts(s.Members[m]).Sequences);
        }

        return (s.Rows, sequences);
    }

    /// <inheritdoc />
    public override SufficientStatistics Build(ReproducibleSums sums, long rows, long sequences)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var members = new SufficientStatistics[_members.Length];
        for (var m = 0; m < members.Length; m++)
        {
            var part = SumsWindow.Copy(sums, _offsets[m], _members[m].Length);
            members[m] = _members[m].Build(part, rows, sequences);
        }

        return new CandidateSetStatistics(
            members, Round(sums, ClassificationOffset, _members.Length), rows, sums.Value(Length - 1));
    }

    /// <inheritdoc />
    public bool Equals(CandidateSetStatisticsLayout? other) =>
        other is not null && _members.AsSpan().SequenceEqual(other._members);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var member in _members)
        {
            hash.Add(member);
        }

        return hash.ToHashCode();
    }

    /// <summary>The members' layouts, for messages.</summary>
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("Members = [").AppendJoin(", ", _members.Select(m => m.ToString())).Append(']');
        return true;
    }
}
