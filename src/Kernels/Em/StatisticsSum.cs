namespace AiMass.Kernels.Em;

/// <summary>
/// The running total of many partitions' statistics, with bits that do not depend on the order or grouping in
/// which they are added or merged (<see cref="ReproducibleSums"/>): the local fit, a worker node's pre-sum and the
/// coordinator's total all give the same model, whatever partitions each node held.
/// </summary>
public sealed class StatisticsSum
{
    /// <summary>An empty total of <paramref name="layout"/>.</summary>
    public StatisticsSum(StatisticsLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        Values = new ReproducibleSums(layout.Length);
    }

    /// <summary>The statistics' shape.</summary>
    public StatisticsLayout Layout { get; }

    /// <summary>The float64 sums.</summary>
    public ReproducibleSums Values { get; }

    /// <summary>Rows covered (exact).</summary>
    public long Rows { get; private set; }

    /// <summary>Sequences covered (exact; 0 for mixtures).</summary>
    public long Sequences { get; private set; }

    /// <summary>Number of statistics added (partitions), across merges.</summary>
    public long Parts { get; private set; }

    /// <summary>The sum of <paramref name="parts"/> (at least one), in any order.</summary>
    public static SufficientStatistics Of(IReadOnlyList<SufficientStatistics> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("There are no statistics to add.", nameof(parts));
        }

        var sum = new StatisticsSum(parts[0].Layout);
        foreach (var part in parts)
        {
            sum.Add(part);
        }

        return sum.Total();
    }

    /// <summary>Adds one partition's <paramref name="statistics"/>.</summary>
    public void Add(SufficientStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (statistics.Layout != Layout)
        {
            throw new ArgumentException(
                $"Statistics of shape {statistics.Layout} cannot be added to a total of shape {Layout}.",
                nameof(statistics));
        }

        var (rows, sequences) = Layout.Counts(statistics);
        AddCounts(rows, sequences, 1);
        Layout.Deposit(statistics, Values);
    }

    /// <summary>Adds everything <paramref name="other"/> (of the same layout) holds.</summary>
    public void Merge(StatisticsSum other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Layout != Layout)
        {
            throw new ArgumentException($"A total of {other.Layout} cannot be merged into {Layout}.", nameof(other));
        }

        AddCounts(other.Rows, other.Sequences, other.Parts);
        Values.Merge(other.Values);
    }

    /// <summary>
    /// Adds counts that arrive apart from their float64 sums (a serialized total is folded position by position
    /// into <see cref="Values"/>, see <see cref="ReproducibleSums.MergePosition"/>).
    /// </summary>
    public void AddCounts(long rows, long sequences, long parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parts);
        if (Parts + parts > ReproducibleSums.MaxAddends)
        {
            throw new InvalidOperationException(
                $"A reproducible total takes at most {ReproducibleSums.MaxAddends} partitions' statistics.");
        }

        Rows += rows;
        Sequences += sequences;
        Parts += parts;
    }

    /// <summary>The total, rounded to float64 statistics.</summary>
    public SufficientStatistics Total() => Layout.Build(Values, Rows, Sequences);
}
