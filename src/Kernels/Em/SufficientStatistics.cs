namespace AiMass.Kernels.Em;

/// <summary>
/// Additive sufficient statistics of one chunk of data under given parameters, accumulated in float64.
/// <c>Add</c> rounds like any float64 addition, so its result depends on the order; totals over partitions are
/// made with <see cref="StatisticsSum"/>, whose bits do not.
/// </summary>
public abstract class SufficientStatistics
{
    /// <summary>Σ wᵢ log p(xᵢ): the weighted log-likelihood of the chunk under the parameters used.</summary>
    public abstract double LogLikelihood { get; }

    /// <summary>Σ wᵢ: the total sample weight (equals the row count when unweighted).</summary>
    public abstract double Weight { get; }

    /// <summary>Number of rows (observations) in the chunk.</summary>
    public abstract long Rows { get; }

    /// <summary>How these statistics map onto the positions of an order-independent sum.</summary>
    public abstract StatisticsLayout Layout { get; }

    /// <summary>The statistics of the union of both chunks.</summary>
    public abstract SufficientStatistics Add(SufficientStatistics other);

    /// <summary>Adds a list of statistics in list order with plain float64 additions and returns the total.</summary>
    public static SufficientStatistics Sum(IReadOnlyList<SufficientStatistics> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("There are no statistics to add.", nameof(parts));
        }

        var total = parts[0];
        for (var i = 1; i < parts.Count; i++)
        {
            total = total.Add(parts[i]);
        }

        return total;
    }
}
