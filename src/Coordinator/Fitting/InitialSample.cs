using AiMass.Kernels;
using AiMass.Kernels.Data;
using AiMass.Kernels.Init;
using AiMass.Seed.Data;

namespace AiMass.Coordinator.Fitting;

/// <summary>
/// Checks the rows sampled to initialise a mixture before k-means sees them. A NaN or Inf is reported with its row in
/// the file (a cluster coordinator reads only this sample, so without the check k-means would fail first with a
/// message about NaN means). Fewer distinct rows than K (e.g. a file whose rows are all identical) is refused: the
/// fit would "succeed" with K − 1 empty components of weight ~1e-17, which helps nobody.
/// </summary>
public static class InitialSample
{
    /// <summary>
    /// Returns <paramref name="sample"/> of <paramref name="data"/> when its values are finite and it has at least
    /// <paramref name="components"/> distinct rows; otherwise throws naming the file, row or count and the remedy.
    /// </summary>
    public static RowSample Check(RowSample sample, IRowSource data, int components)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(data);
        if (!sample.Values.All(double.IsFinite))
        {
            FiniteCheck.EnsureFinite(data); // throws naming the first bad row and column of the file
        }

        var dataName = data.Name;
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
            $"{dataName} has {rows} among the {sample.Count} rows sampled to initialise, fewer than " +
            $"--k {components}; " +
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
