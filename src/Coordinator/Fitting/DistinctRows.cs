using AiMass.Kernels;
using AiMass.Kernels.Init;

namespace AiMass.Coordinator.Fitting;

/// <summary>
/// Refuses to initialise K components from fewer than K distinct rows (e.g. a file whose rows are all identical):
/// the fit would "succeed" with K − 1 empty components of weight ~1e-17, which helps nobody.
/// </summary>
public static class DistinctRows
{
    /// <summary>
    /// Returns <paramref name="sample"/> when it has at least <paramref name="components"/> distinct rows; otherwise
    /// throws naming <paramref name="dataName"/>, the distinct count and the remedy. Stops counting at K.
    /// </summary>
    public static RowSample Require(RowSample sample, int components, string dataName)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var seen = new HashSet<RowKey>();
        for (var i = 0; i < sample.Count && seen.Count < components; i++)
        {
            seen.Add(new RowKey(sample.Row(i).ToArray()));
        }

        if (seen.Count >= components)
        {
            return sample;
        }

        var rows = seen.Count == 1 ? "1 distinct row (all rows are identical)" : $"{seen.Count} distinct rows";
        throw new InvalidInputException(
            $"{dataName} has {rows} among the {sample.Count} rows sampled to initialise, fewer than --k {components}; " +
            $"lower --k to at most {seen.Count} or check the data.");
    }

    private readonly record struct RowKey(double[] Values)
    {
        public bool Equals(RowKey other) => Values.AsSpan().SequenceEqual(other.Values);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var v in Values)
            {
                hash.Add(v);
            }

            return hash.ToHashCode();
        }
    }
}
