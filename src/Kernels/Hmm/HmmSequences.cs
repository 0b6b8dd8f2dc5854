using AiMass.Kernels.Data;

namespace AiMass.Kernels.Hmm;

/// <summary>
/// The sequences of a partition, cut by its lengths as hmmlearn's <c>lengths</c> argument cuts X: sequence i
/// covers rows <c>[Σ_{j&lt;i} L_j, Σ_{j≤i} L_j)</c>. A partition without lengths is one sequence.
/// </summary>
public static class HmmSequences
{
    /// <summary>
    /// The lengths of <paramref name="partition"/>'s sequences, checked: every length ≥ 1 and their sum equal to
    /// the row count. Throws <see cref="InvalidInputException"/> naming the bad length and the remedy.
    /// </summary>
    public static int[] Lengths(DataPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return Check(partition.SequenceLengths, partition.RowCount, partition.Rows.Name);
    }

    /// <summary>
    /// Checks <paramref name="lengths"/> against <paramref name="rows"/> rows of <paramref name="source"/>
    /// (null: one sequence of every row) and returns them as an array.
    /// </summary>
    public static int[] Check(IReadOnlyList<int>? lengths, long rows, string source)
    {
        if (lengths is null)
        {
            if (rows > int.MaxValue)
            {
                throw new InvalidInputException(
                    $"{source} has {rows} rows, too many for one sequence; give a lengths file that cuts it.");
            }

            return rows == 0 ? [] : [(int)rows];
        }

        var result = new int[lengths.Count];
        long sum = 0;
        for (var i = 0; i < lengths.Count; i++)
        {
            if (lengths[i] < 1)
            {
                throw new InvalidInputException(
                    $"Sequence {i} of {source} has length {lengths[i]}; every length in the lengths file must be " +
                    "a positive integer.");
            }

            result[i] = lengths[i];
            sum += lengths[i];
        }

        if (sum != rows)
        {
            throw new InvalidInputException(
                $"The {lengths.Count} sequence lengths add up to {sum} but {source} has {rows} rows; the lengths " +
                "file must cover every row exactly once.");
        }

        return result;
    }

    /// <summary>
    /// Calls <paramref name="visit"/>(sequence index, first row, length, rows <c>[T × F]</c>) for every sequence
    /// of <paramref name="partition"/> in order. The row buffer is reused between calls.
    /// </summary>
    public static void ForEach(
        DataPartition partition, CancellationToken cancellationToken, Action<int, long, int, double[]> visit)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(visit);
        var lengths = Lengths(partition);
        var f = partition.Rows.Features;
        var buffer = Array.Empty<double>();
        long first = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t = lengths[i];
            if (buffer.Length < (long)t * f)
            {
                buffer = new double[checked(t * f)];
            }

            partition.Rows.Read(first, t, buffer.AsSpan(0, t * f));
            visit(i, first, t, buffer);
            first += t;
        }
    }

    /// <summary>
    /// <see cref="ForEach"/> with the emission log-densities: calls <paramref name="visit"/>(sequence index, first
    /// row, length, rows <c>[T × F]</c>, log b <c>[T × S]</c> of <see cref="HmmEmissionDensity"/>) for every
    /// sequence in order. Both buffers are reused between calls and may be longer than the sequence.
    /// </summary>
    internal static void ForEachWithDensities(
        DataPartition partition, HmmParameters parameters, CancellationToken cancellationToken,
        Action<int, long, int, double[], double[]> visit)
    {
        var logDensities = Array.Empty<double>();
        var origin = Origin(partition.Rows);
        var name = partition.Rows.Name;
        ForEach(partition, cancellationToken, (index, first, length, rows) =>
        {
            if (logDensities.Length < length * parameters.States)
            {
                logDensities = new double[length * parameters.States];
            }

            HmmEmissionDensity.LogDensities(parameters, rows, length, logDensities, name, origin + first);
            if (partition.Labels is not null)
            {
                // Semi-supervised: a labelled step can only be in its state.
                var labels = new int[length];
                PartitionLabels.Read(partition, first, length, parameters.States, labels);
                PartitionLabels.Mask(labels, logDensities, parameters.States);
            }

            visit(index, first, length, rows, logDensities);
        });
    }

    /// <summary>The row of the underlying file where <paramref name="source"/> starts (for error messages).</summary>
    internal static long Origin(IRowSource source) => source is RowSlice slice ? slice.FirstRow : 0;
}
